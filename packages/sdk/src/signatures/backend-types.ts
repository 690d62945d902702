import type { Ed25519KeyPair } from '../keys/types.js';

/**
 * The backends `useEd25519Backend` can pin. 'node' (libsodium, else `node:crypto`, on the calling
 * thread) exists once a Node entry has been imported: the main entry as Node resolves it,
 * `/node`, `/fastify` or `/express`.
 */
export type Ed25519BackendName = 'node' | 'webcrypto' | 'noble';

/**
 * A backend choice: `auto` picks 'node' where a Node entry registered it (so in Node, always), else
 * WebCrypto where it has Ed25519 (browsers), else noble.
 */
export type Ed25519BackendChoice = 'auto' | Ed25519BackendName;

/**
 * What sign/verify need from a backend. Arguments arrive checked: a 32-byte seed or public key, a
 * 64-byte signature that already passed the S and R pre-checks of strict-checks.ts. A backend that
 * computes on the calling thread answers values rather than promises (see pending.ts); callers
 * accept either.
 */
export interface Ed25519Backend {
  readonly name: Ed25519BackendName;
  sign(seed: Uint8Array, message: Uint8Array): Promise<Uint8Array> | Uint8Array;
  verify(
    signature: Uint8Array,
    message: Uint8Array,
    publicKey: Uint8Array,
  ): Promise<boolean> | boolean;
  /** The public key of a checked 32-byte seed (RFC 8032 §5.1.5). */
  publicKey(seed: Uint8Array): Promise<Uint8Array> | Uint8Array;
  /** A fresh key pair from the platform's secure random source. */
  generate(): Promise<Ed25519KeyPair> | Ed25519KeyPair;
  /** Drops cached state for this key array (used when key material is cleared). */
  forget(key: Uint8Array): void;
  /** Drops all cached keys. */
  clear(): void;
}
