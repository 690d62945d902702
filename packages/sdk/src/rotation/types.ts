import type { DerivedKey } from '../derivation/derived-key.js';
import type { Ed25519KeyPair } from '../keys/types.js';
import type { KeyMetadata } from '../storage/key-storage.js';

/** How a rotation makes the new key pair (spec/key-rotation-v1.md §4). */
export type RotationMethod = 'regenerate' | 'derive' | 'rederive';

/** When a key should rotate and how many versions it keeps (spec/key-rotation-v1.md §6). */
export interface RotationPolicy {
  /** A rotation is due once the current version is this many days old. */
  rotationIntervalDays?: number;
  /** Versions to keep, the current included, when `autoCleanup` is on. */
  maxVersions?: number;
  /** Delete the oldest versions beyond `maxVersions` after each rotation. */
  autoCleanup?: boolean;
}

/** One rotation as recorded in the key's metadata (spec/key-rotation-v1.md §5). */
export interface RotationRecord {
  /** The version the rotation wrote. */
  version: number;
  /** The version that was current before; null for the first version. */
  fromVersion: number | null;
  /** The version number bound into a derived seed (derive, rederive). */
  derivationVersion?: number;
  /** RFC 3339 UTC time of the rotation. */
  at: string;
  reason: string;
  method: RotationMethod | 'initial';
  /** Derivation contexts the caller was handed fresh keys for. */
  derivedContexts?: string[];
}

/** Options of {@link KeyRotationManager.rotateKey}. */
export interface RotationOptions {
  /** Keep the previous versions (default true); false deletes every version but the new one. */
  keepOldVersion?: boolean;
  /** Why: 0-256 characters, no control characters (default 'manual'). */
  reason?: string;
  /**
   * Derive fresh keys from the new seed for these contexts (true: DATA_ENCRYPTION, SIGNING,
   * AUTHENTICATION) and return them, so data keyed from the old seed can be re-keyed.
   */
  rotateDerivedKeys?: boolean | readonly string[];
  /** Default 'regenerate'. */
  method?: RotationMethod;
  /** The master secret, 32 bytes or more: required for (and only for) 'rederive'. */
  masterKey?: Uint8Array;
}

/** What {@link KeyRotationManager.rotateKey} did. */
export interface RotationResult {
  keyId: string;
  previousVersion: number;
  newVersion: number;
  /** The new key pair (secret: wipe it when done). */
  keyPair: Ed25519KeyPair;
  publicKey: Uint8Array;
  previousPublicKey: Uint8Array;
  method: RotationMethod;
  reason: string;
  rotatedAt: string;
  /** Versions deleted after the swing (keepOldVersion: false, or the policy's clean-up). */
  removedVersions: number[];
  /** Whether the previous version is still stored (false after keepOldVersion: false). */
  oldVersionPreserved: boolean;
  /** Present when rotateDerivedKeys asked for them. */
  derivedKeys?: Record<string, DerivedKey>;
  /** The contexts of `derivedKeys`, when rotateDerivedKeys asked for them. */
  rotatedDerivedKeys?: string[];
  record: RotationRecord;
}

/** One version as the manager reports it. */
export interface KeyVersion {
  keyId: string;
  version: number;
  publicKey: Uint8Array;
  created: string;
  current: boolean;
  metadata: KeyMetadata;
  /** The rotation that wrote this version, when it is in the history. */
  rotation?: RotationRecord;
}

/** A version with its decrypted key pair, from {@link KeyRotationManager.getKeyVersion}. */
export interface KeyVersionWithKeyPair extends KeyVersion {
  keyPair: Ed25519KeyPair;
}

/** The answer of {@link KeyRotationManager.checkRotationDue}. */
export interface RotationDue {
  keyId: string;
  due: boolean;
  currentVersion: number;
  /** When the current version was made: its rotation record's time, else its `created`. */
  since: string;
  ageDays: number;
  /** When a rotation becomes due; null without an interval. */
  dueAt: string | null;
  policy: RotationPolicy;
}

/** Options of {@link KeyRotationManager.createVersionedKeyPair}. */
export interface CreateVersionedKeyOptions {
  policy?: RotationPolicy;
  /** Replace a key already stored under the id (default false: KEY_ALREADY_EXISTS). */
  overwrite?: boolean;
}

/** Options of the {@link KeyRotationManager} constructor. */
export interface KeyRotationManagerOptions {
  /** Policy for keys that carry none. */
  defaultPolicy?: RotationPolicy;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
}
