import { wipe } from '../encoding/bytes.js';
import { KeyDerivationError } from '../errors/datafold-error.js';
import { keyPairFromSeed } from '../keys/key-pair-from-seed.js';
import type { Ed25519KeyPair } from '../keys/types.js';
import { resolveDerivationContext } from './derivation-contexts.js';
import { hkdf } from './hkdf.js';
import { requireBytes } from './kdf-arguments.js';

const EMPTY_SALT = new Uint8Array(0);

/**
 * The Ed25519 key pair for `context`, derived deterministically from `masterKey`
 * (spec/derivation-v1.md §5): seed = HKDF-SHA-256(IKM = masterKey, salt = empty,
 * info = UTF-8 of the context string, L = 32), then the RFC 8032 §5.1.5 key pair of that seed.
 * The same master key and context give the same pair in every DataFold SDK. `context` is a
 * context name (SIGNING → datafold_signing_v1, ...), any non-empty string, or bytes.
 *
 * @example
 * const signing = await deriveEd25519KeyPair(master, 'SIGNING');
 * const again = await deriveEd25519KeyPair(master, 'SIGNING'); // same keys
 */
export async function deriveEd25519KeyPair(
  masterKey: Uint8Array,
  context: string | Uint8Array,
): Promise<Ed25519KeyPair> {
  const master = requireBytes(masterKey, 'masterKey', { minLength: 16 });
  const { info } = resolveDerivationContext(context, 'context');
  if (info.length === 0) {
    throw new KeyDerivationError(
      'INVALID_ARGUMENT',
      'context must not be empty: name what the key is for (for example SIGNING)',
      { parameter: 'context' },
    );
  }
  const seed = await hkdf('SHA-256', master, EMPTY_SALT, info, 32);
  try {
    return await keyPairFromSeed(seed);
  } finally {
    // keyPairFromSeed keeps its own copy of the seed.
    wipe(seed);
  }
}
