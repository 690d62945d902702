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

/** The string value of a required option, or a usage error naming it. */
export function requireString(
  options: Record<string, unknown>,
  name: string,
  example?: string,
): string {
  const value = options[name];
  if (typeof value !== 'string' || value === '') {
    throw usageError(`--${name} is required${example ? `, e.g. ${example}` : ''}`);
  }
  return value;
}

/** An optional string option (undefined when absent). */
export function optionalString(options: Record<string, unknown>, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

/** A positive integer option within [min, max], or a usage error. */
export function integerOption(
  options: Record<string, unknown>,
  name: string,
  fallback: number | undefined,
  min = 1,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = options[name];
  if (raw === undefined) {
    if (fallback === undefined) throw usageError(`--${name} is required`);
    return fallback;
  }
  if (typeof raw !== 'string' || !/^[0-9]+$/.test(raw)) {
    throw usageError(`--${name} must be a whole number (got ${JSON.stringify(raw)})`);
  }
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw usageError(`--${name} must be between ${min} and ${max} (got ${raw})`);
  }
  return value;
}

/** One of the allowed words, or a usage error listing them. */
export function choiceOption<T extends string>(
  options: Record<string, unknown>,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = options[name];
  if (raw === undefined) return fallback;
  const value = typeof raw === 'string' ? raw.toLowerCase() : '';
  if (!(allowed as readonly string[]).includes(value)) {
    throw usageError(`--${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(raw)})`);
  }
  return value as T;
}
