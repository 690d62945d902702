/**
 * A synchronous Ed25519 verifier in native code, as the node backend uses one: libsodium
 * (sodium-verifier.ts) or OpenSSL (openssl-verifier.ts). Arguments arrive checked: 64-byte
 * signatures that passed the S and R pre-checks, 32-byte public keys that passed the key's.
 */
export interface NativeVerifier {
  readonly name: 'sodium' | 'openssl';
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  /** Drops cached state for this key array. */
  forget(key: Uint8Array): void;
  /** Drops all cached state. */
  clear(): void;
}
