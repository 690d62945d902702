import { StorageError } from '../../errors/datafold-error.js';

// Readers take no lock (spec/key-file-v1.md §9): a writer may be between its steps while a reader
// lists the version files, reads the pointer and opens a file. A rotation writes the new version,
// then moves the pointer, then (without --keep-old) deletes the old versions; a reader that listed
// before and reads the pointer after sees a pointer naming a version it did not list, and one that
// read the pointer before opens a file that is gone. Both are what a half-deleted key looks like
// too, so a read that meets them is run again from the start: a race settles within a step or
// two, while real damage persists and is reported as it is.

const ATTEMPTS = 5;

/** Whether an error is one a concurrent writer can cause a lock-free reader. */
function isRaceSymptom(error: unknown): boolean {
  if (!(error instanceof StorageError)) return false;
  if (error.code === 'STORAGE_CORRUPTED') return error.details.reason === 'pointer-target-missing';
  // A version the reader found a moment ago has no file now.
  return error.code === 'KEY_NOT_FOUND' && error.details.version !== undefined;
}

/**
 * Runs a lock-free read of one key's versions, again (up to 5 times, a few milliseconds apart)
 * when it fails the way a concurrent writer makes it fail. Use it only for reads whose versions
 * come from a listing or the pointer, not for a version the caller named.
 *
 * @example
 * const info = await readConsistently(() => infoOf(keyId));
 */
export async function readConsistently<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRaceSymptom(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2 * attempt));
    }
  }
}
