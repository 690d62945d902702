import { isDataFoldError } from '../errors/datafold-error.js';
import { checkSealingKdfParams } from '../sealing/kdf-params.js';
import { inspectBackup, type BackupIssue } from './parse-backup.js';

/** The answer of {@link validateBackupFormat}. */
export interface BackupValidation {
  /** True when a restore would get as far as asking the KDF for a key. */
  valid: boolean;
  /** Human-readable problems, each naming the member (seed: `validation.issues`). */
  issues: string[];
  /** The same problems with the error code a restore would throw for each. */
  details: BackupIssue[];
}

/**
 * Checks a backup's shape without the passphrase: JSON, version, every required member, base64,
 * lengths, algorithm names and the KDF read ceilings (spec/backup-v1.md §3-§5). It cannot tell a
 * wrong passphrase or an altered ciphertext: only decryption can. Never throws.
 *
 * @example
 * const { valid, issues } = validateBackupFormat(fileText);
 * if (!valid) console.error('Backup format issues:', issues);
 */
export function validateBackupFormat(data: unknown): BackupValidation {
  const { backup, issues } = inspectBackup(data);
  const details = [...issues];
  if (backup !== undefined) {
    try {
      checkSealingKdfParams(backup.kdf, backup.kdfParams, 'read');
    } catch (error) {
      details.push({
        field: 'kdf_params',
        code: isDataFoldError(error) ? error.code : 'KDF_PARAMS_UNSAFE',
        message: error instanceof Error ? error.message : 'kdf_params are out of bounds',
      });
    }
  }
  return { valid: details.length === 0, issues: details.map((d) => d.message), details };
}
