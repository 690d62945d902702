import { StorageError, ValidationError } from '../errors/datafold-error.js';
import { MAX_KEY_VERSION } from '../key-file/types.js';
import type { KeyMetadata } from './key-storage.js';

/**
 * Argument checks and errors the platform-neutral versioned stores (memory, IndexedDB) share,
 * worded as the key-file store words them, so a caller sees the same error from every store.
 *
 * @example
 * assertKeyVersion(2);
 * throw keyNotFound('app', 3); // KEY_NOT_FOUND: Key "app" has no version 3
 */
export function assertKeyVersion(version: unknown): asserts version is number {
  if (
    typeof version !== 'number' ||
    !Number.isSafeInteger(version) ||
    version < 1 ||
    version > MAX_KEY_VERSION
  ) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      `version must be an integer from 1 to ${MAX_KEY_VERSION}`,
    );
  }
}

/** KEY_NOT_FOUND for a key, or for one version of it. */
export function keyNotFound(keyId: string, version?: number): StorageError {
  return new StorageError(
    'KEY_NOT_FOUND',
    version === undefined
      ? `No key is stored under "${keyId}"`
      : `Key "${keyId}" has no version ${version}`,
    { keyId, ...(version === undefined ? {} : { version }) },
  );
}

/** KEY_ALREADY_EXISTS for `overwrite: false`. */
export function keyAlreadyExists(keyId: string): StorageError {
  return new StorageError('KEY_ALREADY_EXISTS', `A key is already stored under "${keyId}"`, {
    keyId,
  });
}

/** INVALID_ARGUMENT for deleting the version the pointer names. */
export function currentVersionUndeletable(version: number): ValidationError {
  return new ValidationError(
    'INVALID_ARGUMENT',
    `Version ${version} is current; make another version current first, or delete the key`,
  );
}

/** Metadata must be a plain object: it is stored as JSON beside the key. */
export function assertMetadata(metadata: unknown): asserts metadata is KeyMetadata | undefined {
  if (
    metadata !== undefined &&
    (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
  ) {
    throw new ValidationError('INVALID_ARGUMENT', 'metadata must be a plain object');
  }
}

/**
 * Runs `work` after every earlier task queued under the same key has settled: a writer picks the
 * next version number and writes it without another writer of the same key in between.
 *
 * @example
 * const queue = createKeyQueue();
 * await queue('app', async () => nextVersion());
 */
export function createKeyQueue(): <T>(keyId: string, work: () => T | Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(keyId: string, work: () => T | Promise<T>): Promise<T> => {
    const previous = tails.get(keyId) ?? Promise.resolve();
    const run = previous.then(work, work);
    const tail = run.catch(() => undefined);
    tails.set(keyId, tail);
    void tail.then(() => {
      if (tails.get(keyId) === tail) tails.delete(keyId);
    });
    return run;
  };
}

/**
 * Runs synchronous store work and reports its errors as a rejected promise, never a synchronous
 * throw, as the KeyStorage contract promises.
 *
 * @example
 * hasKey: (keyId) => settle(() => keys.has(keyId)),
 */
export function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
