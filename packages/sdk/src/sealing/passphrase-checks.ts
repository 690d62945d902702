import { BackupError, ValidationError } from '../errors/datafold-error.js';
import { validatePassphrase } from '../utils/passphrase.js';

/**
 * The two passphrase rules of every sealed format (spec/backup-v1.md §4.1, spec/key-file-v1.md
 * §4, spec/indexeddb-storage-v1.md §4): a writer refuses a weak passphrase; a reader takes any
 * string, so a key sealed elsewhere under older rules still opens.
 */

/**
 * Throws INVALID_ARGUMENT unless `passphrase` is a string: what a reader checks before any work.
 *
 * @example
 * assertPassphraseString(passphrase); // then derive
 */
export function assertPassphraseString(passphrase: unknown): asserts passphrase is string {
  if (typeof passphrase !== 'string') {
    throw new ValidationError('INVALID_ARGUMENT', 'passphrase must be a string');
  }
}

/**
 * Refuses a passphrase too weak to protect a key that is written down (a backup, a key file, a
 * stored record): WEAK_PASSPHRASE listing what is wrong (length, a common password, a sequence),
 * never the passphrase itself. Reads do not apply this (see assertPassphraseString).
 *
 * @example
 * assertStrongPassphrase('correct horse battery staple'); // passes
 * assertStrongPassphrase('hunter2');                      // throws WEAK_PASSPHRASE
 */
export function assertStrongPassphrase(passphrase: unknown): asserts passphrase is string {
  assertPassphraseString(passphrase);
  const { valid, issues } = validatePassphrase(passphrase);
  if (!valid) {
    throw new BackupError('WEAK_PASSPHRASE', `Passphrase is too weak: ${issues.join('; ')}`, {
      issues,
    });
  }
}
