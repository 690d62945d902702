import { ValidationError } from '@datafold/js-sdk';

/**
 * A mistake on the command line: exit code 2, with a message that says what to type instead.
 *
 * @example
 * throw usageError('--key-id is required: datafold_cli crypto sign --key-id my-key ...');
 */
export function usageError(
  message: string,
  details: Record<string, unknown> = {},
): ValidationError {
  return new ValidationError('INVALID_ARGUMENT', message, details);
}
