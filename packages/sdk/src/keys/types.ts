/**
 * An Ed25519 key pair as every DataFold face holds it: the 32-byte RFC 8032 seed (the "private
 * key") and the 32-byte encoded public point.
 */
export interface Ed25519KeyPair {
  /** 32-byte seed (RFC 8032 §5.1.5). Secret. */
  privateKey: Uint8Array;
  /** 32-byte public key (RFC 8032 §5.1.5 step 4). */
  publicKey: Uint8Array;
}

export const PRIVATE_KEY_LENGTH = 32;
export const PUBLIC_KEY_LENGTH = 32;
export const SIGNATURE_LENGTH = 64;

/**
 * An Ed25519 key pair whose private half lives inside WebCrypto: a private `CryptoKey`, usually
 * non-extractable (the browser's non-extractable key store), and the 32-byte public key.
 */
export interface Ed25519CryptoKeyPair {
  /** An Ed25519 private CryptoKey with usage "sign". */
  privateKey: CryptoKey;
  /** 32-byte public key. */
  publicKey: Uint8Array;
}

/**
 * Either form of key pair: what the server client's signed statements take (registerKeyPair,
 * rotateRegistration, revokeRegistration). Backups, stores and the byte-based `sign` need the seed.
 */
export type SigningKeyPair = Ed25519KeyPair | Ed25519CryptoKeyPair;
