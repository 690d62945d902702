import type {
  BackupKdf,
  BackupKdfParams,
  CreateBackupOptions,
  RestoreBackupOptions,
} from '../backup/types.js';
import type { KdfPurpose } from '../derivation/kdf-params.js';
import type { Ed25519KeyPair } from '../keys/types.js';
import type { SerializedError } from './crypto-operations.js';

/** What the main thread asks the KDF worker to do. One message, one answer, matched by `id`. */
export type KdfWorkerRequest =
  | {
      id: number;
      op: 'deriveKey';
      args: [
        kdf: BackupKdf,
        params: BackupKdfParams,
        passphrase: string,
        salt: Uint8Array,
        purpose: KdfPurpose,
      ];
    }
  | {
      id: number;
      op: 'createBackup';
      args: [keyPair: Ed25519KeyPair, passphrase: string, options: CreateBackupOptions];
    }
  | {
      id: number;
      op: 'restoreBackup';
      args: [
        data: string | Uint8Array | Record<string, unknown>,
        passphrase: string,
        options: RestoreBackupOptions,
      ];
    };

/** The worker's answers: it started (the KDF is running), or the result, or a coded error. */
export type KdfWorkerResponse =
  | { id: number; type: 'started' }
  | { id: number; type: 'result'; result: unknown }
  | { id: number; type: 'error'; error: SerializedError };
