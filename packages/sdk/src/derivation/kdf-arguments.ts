import { isBytes } from '../encoding/bytes.js';
import { utf8ToBytes } from '../encoding/utf8.js';
import { KeyDerivationError, isDataFoldError } from '../errors/datafold-error.js';

/**
 * Argument checks shared by the KDF primitives. Every failure is a KeyDerivationError with code
 * INVALID_ARGUMENT naming the argument; messages describe types and lengths, never the bytes,
 * because the bytes are passwords and keys.
 */

/** `value` as bytes; a string is taken as UTF-8 (not normalized: the caller's code points count). */
export function requireBytes(
  value: unknown,
  what: string,
  options: { minLength?: number; allowString?: boolean } = {},
): Uint8Array {
  let bytes: Uint8Array;
  if (isBytes(value)) bytes = value;
  else if (options.allowString && typeof value === 'string') bytes = utf8ToBytes(value);
  else {
    throw new KeyDerivationError(
      'INVALID_ARGUMENT',
      `${what} must be a Uint8Array${options.allowString ? ' or a string' : ''} (got ${typeName(value)})`,
      { parameter: what },
    );
  }
  const min = options.minLength ?? 0;
  if (bytes.length < min) {
    throw new KeyDerivationError(
      'INVALID_ARGUMENT',
      `${what} must be at least ${min} byte${min === 1 ? '' : 's'} long (got ${bytes.length})`,
      { parameter: what, minimum: min, actual: bytes.length },
    );
  }
  return bytes;
}

/** A safe integer in [min, max], or INVALID_ARGUMENT naming `what` and the range. */
export function requireInteger(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new KeyDerivationError(
      'INVALID_ARGUMENT',
      `${what} must be an integer from ${min} to ${max} (got ${typeof value === 'number' ? value : typeName(value)})`,
      { parameter: what, minimum: min, maximum: max },
    );
  }
  return value;
}

/** The type of a value, for messages that must not echo it. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (isBytes(value)) return 'Uint8Array';
  return typeof value;
}

/**
 * Runs a platform KDF, turning its failures (out of memory, a WebCrypto refusal) into
 * KEY_DERIVATION_FAILED. The platform's message is kept as `cause` but not in ours: some engines
 * echo their inputs.
 */
export async function runKdf<T>(name: string, work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw platformFailure(name, error);
  }
}

/** runKdf for synchronous work: no promise hops, for KDFs cheap enough that they would show. */
export function runKdfSync<T>(name: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw platformFailure(name, error);
  }
}

function platformFailure(name: string, error: unknown): Error {
  if (isDataFoldError(error)) return error;
  return new KeyDerivationError(
    'KEY_DERIVATION_FAILED',
    `${name} failed on this platform; for memory-hard KDFs check that enough memory is free`,
    { algorithm: name },
    { cause: error },
  );
}
