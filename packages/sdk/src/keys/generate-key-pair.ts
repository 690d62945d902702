import { Ed25519KeyError, DataFoldError } from '../errors/datafold-error.js';
import { isBytes } from '../encoding/bytes.js';
import { sign } from '../signatures/sign.js';
import { verify } from '../signatures/verify.js';
import { currentBackend } from '../signatures/backend-selection.js';
import { isPending } from '../signatures/pending.js';
import { publicKeyPassesPrechecks } from '../signatures/strict-checks.js';
import { keyPairFromSeed } from './key-pair-from-seed.js';
import { PRIVATE_KEY_LENGTH, type Ed25519KeyPair } from './types.js';
import { debugLog } from '../utils/debug-log.js';

/** Options of `generateKeyPair` and `generateMultipleKeyPairs`. */
export interface KeyGenerationOptions {
  /** Check the public key and a sign/verify round trip before returning (default true). */
  validate?: boolean;
  /**
   * Exactly 32 bytes used as the seed instead of fresh randomness: for tests and for seeds the
   * caller derived itself. The same entropy always gives the same pair. Copied, never kept.
   */
  entropy?: Uint8Array;
}

const PROBE_MESSAGE = new Uint8Array([0x64, 0x61, 0x74, 0x61, 0x66, 0x6f, 0x6c, 0x64]); // "datafold"

/** Throws INVALID_ENTROPY unless `entropy` is absent or a 32-byte Uint8Array. */
function checkEntropy(entropy: unknown): void {
  if (entropy === undefined) return;
  if (!isBytes(entropy))
    throw new Ed25519KeyError(
      'INVALID_ENTROPY',
      'entropy must be a Uint8Array of exactly 32 bytes',
    );
  if (entropy.length !== PRIVATE_KEY_LENGTH) {
    throw new Ed25519KeyError(
      'INVALID_ENTROPY',
      `entropy must be exactly 32 bytes, got ${entropy.length}`,
      {
        length: entropy.length,
      },
    );
  }
}

/** @internal Shared by generateMultipleKeyPairs, which checks options once. */
export function checkKeyGenerationOptions(
  options: unknown,
): asserts options is KeyGenerationOptions {
  if (typeof options !== 'object' || options === null) {
    throw new Ed25519KeyError(
      'INVALID_ARGUMENT',
      'options must be an object like { validate?, entropy? }',
    );
  }
  const { validate, entropy } = options as KeyGenerationOptions;
  if (validate !== undefined && typeof validate !== 'boolean') {
    throw new Ed25519KeyError('INVALID_ARGUMENT', 'options.validate must be a boolean', {
      argument: 'validate',
    });
  }
  checkEntropy(entropy);
}

/** @internal The sign/verify round trip that proves a fresh pair works on this platform. */
export async function validateKeyPair(pair: Ed25519KeyPair): Promise<void> {
  // The byte-level policy checks here; the native round trip below proves the point decodes.
  if (!publicKeyPassesPrechecks(pair.publicKey)) {
    throw new Ed25519KeyError(
      'KEY_GENERATION_FAILED',
      'the generated public key failed validation',
    );
  }
  const signature = await sign(PROBE_MESSAGE, pair.privateKey);
  if (!(await verify(signature, PROBE_MESSAGE, pair.publicKey))) {
    throw new Ed25519KeyError(
      'KEY_GENERATION_FAILED',
      'the generated key pair failed its sign/verify round trip',
    );
  }
}

function generateNatively(): Ed25519KeyPair | Promise<Ed25519KeyPair> {
  const current = currentBackend();
  return isPending(current) ? current.then((backend) => backend.generate()) : current.generate();
}

/**
 * Generates an Ed25519 key pair: a 32-byte seed from the platform's secure random source (or
 * `entropy`, copied) and its public key (RFC 8032 §5.1.5). With `validate` (the default) the public key is
 * checked against the strict policy and a signature round trip is made, which also warms the
 * signing-key cache for this pair.
 *
 * Throws INVALID_ENTROPY for entropy that is not 32 bytes, INVALID_ARGUMENT for other bad options,
 * KEY_GENERATION_FAILED when the platform fails.
 *
 * @example
 * const keyPair = await generateKeyPair();
 * const fixed = await generateKeyPair({ entropy: seed32 }); // deterministic, for tests
 */
export async function generateKeyPair(options: KeyGenerationOptions = {}): Promise<Ed25519KeyPair> {
  checkKeyGenerationOptions(options);
  try {
    // Without entropy the backend generates natively (WebCrypto: generateKey + one JWK export;
    // Node: libsodium or OpenSSL on this thread, answering without a promise, so none is awaited).
    let pair: Ed25519KeyPair;
    if (options.entropy !== undefined) pair = await keyPairFromSeed(options.entropy);
    else {
      const generated = generateNatively();
      pair = isPending(generated) ? await generated : generated;
    }
    if (options.validate ?? true) await validateKeyPair(pair);
    debugLog('keys.generated', { fromEntropy: options.entropy !== undefined });
    return pair;
  } catch (error) {
    if (error instanceof DataFoldError) throw error;
    throw new Ed25519KeyError(
      'KEY_GENERATION_FAILED',
      'the platform failed to generate an Ed25519 key pair',
      {},
      { cause: error },
    );
  }
}
