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

/** The preconditions of a conditional write ({@link StoreKeyVersionOptions}). */
export interface VersionExpectations {
  expectedVersion?: number | undefined;
  expectedCurrentVersion?: number | undefined;
}

/**
 * Checks, while the writer holds the key (lock, queue or transaction), that the version about to
 * be written is the one the caller prepared for and that the current version is still the one it
 * read; otherwise nothing may be written. A rotation binds the version number into a derived
 * seed (spec/key-rotation-v1.md §4), so a renumbered write would store a key whose derivation no
 * longer matches its version.
 *
 * @example
 * assertExpectedVersion('app', { expectedVersion: 3 }, next, current); // throws unless next === 3
 */
export function assertExpectedVersion(
  keyId: string,
  expect: VersionExpectations,
  next: number,
  current: number | undefined,
): void {
  const { expectedVersion, expectedCurrentVersion } = expect;
  if (expectedVersion !== undefined && expectedVersion !== next) {
    throw versionConflict(
      keyId,
      `it would be version ${next}, not the expected ${expectedVersion}`,
      { expectedVersion, version: next },
    );
  }
  if (expectedCurrentVersion !== undefined && expectedCurrentVersion !== current) {
    throw versionConflict(
      keyId,
      `its current version is ${current ?? 'none'}, not the expected ${expectedCurrentVersion}`,
      { expectedCurrentVersion, ...(current === undefined ? {} : { currentVersion: current }) },
    );
  }
}

/** Checks the expectation options' types before any work is done. */
export function assertExpectations(expect: VersionExpectations): void {
  if (expect.expectedVersion !== undefined) assertKeyVersion(expect.expectedVersion);
  if (expect.expectedCurrentVersion !== undefined) assertKeyVersion(expect.expectedCurrentVersion);
}

function versionConflict(
  keyId: string,
  what: string,
  details: Record<string, unknown>,
): StorageError {
  // STORAGE_LOCKED: another writer had the key in between; the fix (retry) is the same.
  return new StorageError(
    'STORAGE_LOCKED',
    `Key "${keyId}" was changed by another writer (${what}); nothing was written: read the key again and retry`,
    { keyId, conflict: true, ...details },
  );
}

/**
 * True for the error of a failed conditional write ({@link assertExpectedVersion}), as opposed
 * to a lock that could not be taken.
 *
 * @example
 * if (isVersionConflict(error)) continue; // read again, prepare again
 */
export function isVersionConflict(error: unknown): boolean {
  return (
    error instanceof StorageError &&
    error.code === 'STORAGE_LOCKED' &&
    error.details.conflict === true
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
