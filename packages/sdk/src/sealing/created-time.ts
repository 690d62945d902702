import { ValidationError } from '../errors/datafold-error.js';

/**
 * The `created` member a writer puts in a backup or a key file: RFC 3339 UTC with whole seconds
 * for a Date (spec/backup-v1.md §3.1, spec/key-file-v1.md §3), or a caller's string as given
 * (test vectors fix it). The key-file writer then checks its stricter pattern.
 *
 * @example
 * formatCreated(new Date('2024-01-02T03:04:05.678Z')); // '2024-01-02T03:04:05Z'
 */
export function formatCreated(value: Date | string | undefined): string {
  if (typeof value === 'string') {
    if (value.length === 0 || value.length > 64) {
      throw new ValidationError('INVALID_ARGUMENT', 'created must be a non-empty RFC 3339 string');
    }
    return value;
  }
  const date = value ?? new Date();
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      'created must be a valid Date or an RFC 3339 string',
    );
  }
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
