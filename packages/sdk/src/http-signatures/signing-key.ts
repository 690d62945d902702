import { DataFoldError, Ed25519KeyError, ValidationError } from '../errors/datafold-error.js';
import { getSubtle, toBufferSource } from '../platform/webcrypto.js';
import { sign } from '../signatures/sign.js';

/**
 * Who signs a request and how (spec §2). Exactly one of `privateKey` and `cryptoKey`.
 *
 * @example
 * const options: SigningKeyOptions = { clientId: 'alice-laptop', privateKey: keyPair.privateKey };
 */
export interface SigningKeyOptions {
  /** The DataFold client id: the signature's `keyid`. */
  clientId: string;
  /** The 32-byte Ed25519 seed. */
  privateKey?: Uint8Array;
  /** An Ed25519 private CryptoKey (may be non-extractable, as the IndexedDB store keeps it). */
  cryptoKey?: CryptoKey;
  /** Extra components to cover: lower-case header names (or supported derived components). */
  components?: string[];
  /** Seconds from `created` to `expires`; default 60. */
  expiresIn?: number;
  /** Milliseconds since the epoch (tests, vectors). */
  now?: () => number;
  /** Vectors only: a fixed nonce. Default 16 random bytes as base64url. */
  nonce?: string;
}

/**
 * Signs the signature base with the key the options name: a seed through the SDK's own Ed25519
 * (the backend in use, its key cache, its coded errors), a CryptoKey through
 * `crypto.subtle.sign('Ed25519')` so that a non-extractable key never leaves WebCrypto.
 *
 * @example
 * const signature = await signWithKey(baseBytes, options);
 */
export async function signWithKey(
  base: Uint8Array,
  options: Pick<SigningKeyOptions, 'privateKey' | 'cryptoKey'>,
): Promise<Uint8Array> {
  const { privateKey, cryptoKey } = options;
  if ((privateKey === undefined) === (cryptoKey === undefined)) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      'pass exactly one of privateKey (a 32-byte seed) and cryptoKey (an Ed25519 CryptoKey)',
    );
  }
  if (privateKey !== undefined) return sign(base, privateKey);
  assertEd25519PrivateCryptoKey(cryptoKey);
  try {
    return new Uint8Array(await getSubtle().sign('Ed25519', cryptoKey, toBufferSource(base)));
  } catch (error) {
    if (error instanceof DataFoldError) throw error;
    throw new Ed25519KeyError(
      'SIGNING_FAILED',
      'WebCrypto failed to sign with the CryptoKey (is its usage "sign"?)',
      {},
      { cause: error },
    );
  }
}

/** Throws INVALID_PRIVATE_KEY unless `key` looks like an Ed25519 private CryptoKey. */
export function assertEd25519PrivateCryptoKey(key: unknown): asserts key is CryptoKey {
  // Shape, not `instanceof CryptoKey`: some runtimes lack the global constructor.
  const candidate = key as Partial<CryptoKey> | null | undefined;
  if (candidate?.type !== 'private' || candidate.algorithm?.name !== 'Ed25519') {
    throw new Ed25519KeyError(
      'INVALID_PRIVATE_KEY',
      'cryptoKey must be an Ed25519 private CryptoKey',
    );
  }
}
