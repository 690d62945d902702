import { BackupError, ValidationError } from '../errors/datafold-error.js';
import { validatePassphrase } from '../utils/passphrase.js';

/**
 * Refuses a passphrase too weak to protect a key that leaves the device: WEAK_PASSPHRASE listing
 * what is wrong (length, a common password, a sequence), never the passphrase itself. Reads do
 * not apply this: a backup made elsewhere under older rules must still open.
 *
 * @example
 * assertBackupPassphrase('correct horse battery staple'); // passes
 * assertBackupPassphrase('hunter2');                      // throws WEAK_PASSPHRASE
 */
export function assertBackupPassphrase(passphrase: unknown): asserts passphrase is string {
  if (typeof passphrase !== 'string') {
    throw new ValidationError('INVALID_ARGUMENT', 'passphrase must be a string');
  }
  const { valid, issues } = validatePassphrase(passphrase);
  if (!valid) {
    throw new BackupError('WEAK_PASSPHRASE', `Passphrase is too weak: ${issues.join('; ')}`, {
      issues,
    });
  }
}
