import { usageError } from '../errors/usage-error.js';

// Readers of parsed option values (node:util parseArgs gives strings, booleans and string
// lists): each returns the typed value or throws the usage error that names the option.

/**
 * The string value of a required option, or a usage error naming it (with `example`).
 *
 * @example
 * const input = requireString(options, 'input', '--input backup.json');
 */
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

/**
 * An optional string option (undefined when absent).
 *
 * @example
 * const server = optionalString(options, 'server') ?? config.crypto.server.default_url;
 */
export function optionalString(options: Record<string, unknown>, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * A whole-number option within [min, max] (`fallback` when absent), or a usage error.
 *
 * @example
 * const keep = integerOption(options, 'keep', undefined, 1, 999_999_999);
 */
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

/**
 * One of the allowed words, any case (`fallback` when absent), or a usage error listing them.
 *
 * @example
 * const format = choiceOption(options, 'format', ['hex', 'base64'] as const, 'hex');
 */
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
