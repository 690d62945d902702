export { createBackup } from './create-backup.js';
export { restoreBackup } from './restore-backup.js';
export { validateBackupFormat, type BackupValidation } from './validate-backup-format.js';
export { exportKey, type ExportKeyOptions, type ExportKeyResult } from './export-key.js';
export { importKey, type ImportKeyOptions, type ImportKeyResult } from './import-key.js';
export { BACKUP_VERSION, DEFAULT_KDF_PARAMS, NONCE_LENGTHS } from './constants.js';
export type {
  Argon2idKdfParams,
  BackupCipher,
  BackupDocumentV1,
  BackupFormat,
  BackupKdf,
  BackupKdfParams,
  BackupMetadata,
  CreateBackupOptions,
  Pbkdf2KdfParams,
  RestoreBackupOptions,
  RestoredBackup,
  ScryptKdfParams,
} from './types.js';
