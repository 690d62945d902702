export { createBackup } from './create-backup.js';
export { restoreBackup } from './restore-backup.js';
export { validateBackupFormat, type BackupValidation } from './validate-backup-format.js';
export { exportKey, type ExportKeyOptions, type ExportKeyResult } from './export-key.js';
export { importKey, type ImportKeyOptions, type ImportKeyResult } from './import-key.js';
export { BACKUP_VERSION, DEFAULT_KDF_PARAMS } from './constants.js';
export { NONCE_LENGTHS } from '../sealing/constants.js';
export type { Argon2idKdfParams, Pbkdf2KdfParams, ScryptKdfParams } from '../sealing/kdf-params.js';
export type {
  BackupCipher,
  BackupDocumentV1,
  BackupFormat,
  BackupKdf,
  BackupKdfParams,
  BackupMetadata,
  CreateBackupOptions,
  RestoreBackupOptions,
  RestoredBackup,
} from './types.js';
