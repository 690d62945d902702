import { hkdf } from '../derivation/hkdf.js';
import { isBytes, wipe } from '../encoding/bytes.js';
import { utf8ToBytes } from '../encoding/utf8.js';
import { ValidationError } from '../errors/datafold-error.js';
import { keyPairFromSeed } from '../keys/key-pair-from-seed.js';
import type { Ed25519KeyPair } from '../keys/types.js';
import { assertKeyVersion } from '../storage/version-checks.js';
import { assertValidKeyId } from '../utils/key-id.js';

/** Shortest master secret `rederive` accepts: 256 bits, the strength of the keys it makes. */
export const ROTATION_MASTER_KEY_MIN_LENGTH = 32;

/** Input of {@link deriveRotationKeyPair}. */
export type DeriveRotationInput =
  | { method: 'derive'; keyId: string; version: number; seed: Uint8Array }
  | { method: 'rederive'; keyId: string; version: number; masterKey: Uint8Array };

/** The HKDF info of spec/key-rotation-v1.md §4. */
export function rotationInfo(method: 'derive' | 'rederive', keyId: string, version: number) {
  return utf8ToBytes(
    `datafold-key-rotation-v1\nmethod=${method}\nkey_id=${keyId}\nversion=${version}\n`,
  );
}

/**
 * The key pair of a `derive` or `rederive` rotation (spec/key-rotation-v1.md §4): the seed is
 * HKDF-SHA-256 (empty salt, L = 32) of the previous seed or of a master secret, with an info that
 * binds the method, the key id and the target version. Deterministic in every implementation.
 *
 * Errors: INVALID_KEY_ID, INVALID_ARGUMENT (version, a seed that is not 32 bytes, a master secret
 * shorter than 32 bytes, an unknown method).
 *
 * @example
 * const v2 = await deriveRotationKeyPair({ method: 'rederive', keyId: 'app', version: 2, masterKey });
 */
export async function deriveRotationKeyPair(input: DeriveRotationInput): Promise<Ed25519KeyPair> {
  if (typeof input !== 'object' || input === null) {
    throw new ValidationError('INVALID_ARGUMENT', 'input must be { method, keyId, version, ... }');
  }
  assertValidKeyId(input.keyId);
  assertKeyVersion(input.version);
  let ikm: unknown;
  if (input.method === 'derive') {
    ikm = input.seed;
    if (!isBytes(ikm) || ikm.length !== 32) {
      throw new ValidationError('INVALID_ARGUMENT', "'derive' needs the current 32-byte seed");
    }
  } else if (input.method === 'rederive') {
    ikm = input.masterKey;
    if (!isBytes(ikm) || ikm.length < ROTATION_MASTER_KEY_MIN_LENGTH) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `'rederive' needs masterKey: a Uint8Array of at least ${ROTATION_MASTER_KEY_MIN_LENGTH} bytes`,
      );
    }
  } else {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      "method must be 'derive' or 'rederive' ('regenerate' needs no derivation)",
    );
  }
  const seed = await hkdf(
    'SHA-256',
    ikm,
    new Uint8Array(0),
    rotationInfo(input.method, input.keyId, input.version),
    32,
  );
  try {
    return await keyPairFromSeed(seed);
  } finally {
    wipe(seed);
  }
}
