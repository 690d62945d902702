import type { Ed25519KeyPair } from '../../keys/types.js';

/**
 * Ed25519 in native code on the calling thread, as the node backend uses it: libsodium
 * (sodium-ed25519.ts) or OpenSSL (openssl-ed25519.ts). Every operation is synchronous: no thread
 * pool, no promise. Arguments arrive checked: 32-byte seeds, 64-byte signatures that passed the S
 * and R pre-checks, 32-byte public keys that passed the key's. Answers are plain Uint8Arrays (never
 * Buffers), as every backend gives.
 */
export interface NativeEd25519 {
  readonly name: 'sodium' | 'openssl';
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  /** RFC 8032 §5.1.6, with this seed's key cached per array (see key-cache.ts). */
  sign(seed: Uint8Array, message: Uint8Array): Uint8Array;
  /** RFC 8032 §5.1.5. */
  publicKey(seed: Uint8Array): Uint8Array;
  /** A fresh pair from the platform's secure random source; warms the signing cache for it. */
  generate(): Ed25519KeyPair;
  /** Drops (and wipes) cached state for this key array. */
  forget(key: Uint8Array): void;
  /** Drops (and wipes) all cached state. */
  clear(): void;
}
