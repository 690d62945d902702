import {
  BackupError,
  DataFoldError,
  Ed25519KeyError,
  KeyDerivationError,
  PlatformError,
  StorageError,
  ValidationError,
} from '../errors/datafold-error.js';
import { ERROR_REGISTRY, type ErrorCode } from '../errors/registry.js';
import type { SerializedError } from './crypto-operations.js';

// How errors cross a worker boundary, for the KDF worker and the crypto worker alike: DataFold
// errors keep their class, code, message and details; anything else is replaced by a fixed
// message (its text could hold anything, and a DataFold message never holds a secret).

const CLASSES: Record<
  string,
  new (code: ErrorCode, message: string, details?: Record<string, unknown>) => DataFoldError
> = {
  BackupError,
  Ed25519KeyError,
  KeyDerivationError,
  PlatformError,
  StorageError,
  ValidationError,
};

/**
 * The error as a worker posts it.
 *
 * @example
 * port.postMessage({ id, type: 'error', error: serializeError(e, 'the crypto worker failed') });
 */
export function serializeError(error: unknown, fallback: string): SerializedError {
  const coded = error instanceof DataFoldError;
  return {
    name: error instanceof Error ? error.name : 'Error',
    code: coded ? error.code : undefined,
    message: coded ? error.message : fallback,
    details: coded ? { ...error.details } : {},
  };
}

/**
 * The error a worker posted, as a DataFoldError of its class again; an uncoded one is made by
 * `uncoded` from its (fixed) message.
 *
 * @example
 * call.reject(reviveError(message.error, (m) => new KeyDerivationError('KEY_DERIVATION_FAILED', m)));
 */
export function reviveError(
  error: SerializedError,
  uncoded: (message: string) => DataFoldError,
): DataFoldError {
  if (error.code !== undefined && Object.hasOwn(ERROR_REGISTRY, error.code)) {
    const Class = CLASSES[error.name] ?? DataFoldError;
    return new Class(error.code as ErrorCode, error.message, error.details);
  }
  return uncoded(error.message);
}
