/** The backends `useEd25519Backend` can pin. */
export type Ed25519BackendName = 'webcrypto' | 'noble';

/** A backend choice: `auto` picks WebCrypto where it has Ed25519, noble elsewhere. */
export type Ed25519BackendChoice = 'auto' | Ed25519BackendName;

/**
 * What sign/verify need from a backend. Arguments arrive checked: a 32-byte seed or public key, a
 * 64-byte signature that already passed the S and R pre-checks of strict-checks.ts.
 */
export interface Ed25519Backend {
  readonly name: Ed25519BackendName;
  sign(seed: Uint8Array, message: Uint8Array): Promise<Uint8Array>;
  verify(
    signature: Uint8Array,
    message: Uint8Array,
    publicKey: Uint8Array,
  ): Promise<boolean> | boolean;
  /** Drops cached state for this key array (used when key material is cleared). */
  forget(key: Uint8Array): void;
  /** Drops all cached keys. */
  clear(): void;
}
