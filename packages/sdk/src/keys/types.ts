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
