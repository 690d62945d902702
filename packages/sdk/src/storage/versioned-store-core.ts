import { StorageError } from '../errors/datafold-error.js';
import { MAX_KEY_VERSION } from '../key-file/types.js';
import {
  assertExpectedVersion,
  assertKeyVersion,
  currentVersionUndeletable,
  keyAlreadyExists,
  keyNotFound,
  type VersionExpectations,
} from './version-checks.js';

// The one home of the version rules every versioned store follows (spec/key-file-v1.md §2, §8,
// §9; spec/key-rotation-v1.md §3-§4): how the next version is numbered, which version is current,
// what a write, a deletion and a pointer swing change. The rules are pure, as in Vault's
// keysutil: a store reads a key's state while it holds the key (the key-file lock, the memory
// store's queue, an IndexedDB transaction), asks for a plan, and applies it. The memory, key-file
// and IndexedDB stores differ only in how they hold a key and write the plan down.

/** What a store knows about one key, read while it holds the key. */
export interface KeyVersionState {
  /** The versions present, in any order. */
  versions: readonly number[];
  /** The version the current pointer names; undefined when the key has no pointer. */
  pointer?: number | undefined;
  /**
   * The pointer's record of the highest version ever assigned, as stored (unchecked: only
   * writers need it, so only they refuse a damaged one). Undefined when not recorded.
   */
  highest?: unknown;
}

/**
 * The highest version ever assigned to a key: the highest version present, the pointer's current
 * version and its recorded `highest`, whichever is largest; 0 for a key that does not exist.
 * A recorded `highest` that is not a version number is STORAGE_CORRUPTED (spec/key-file-v1.md §8):
 * no number is assigned from it.
 *
 * @example
 * highestAssigned('app', { versions: [1, 2], pointer: 2, highest: 3 }); // 3: version 3 was deleted
 */
export function highestAssigned(keyId: string, state: KeyVersionState): number {
  let highest = Math.max(0, ...state.versions, state.pointer ?? 0);
  const recorded = state.highest;
  if (recorded !== undefined) {
    if (
      typeof recorded !== 'number' ||
      !Number.isSafeInteger(recorded) ||
      recorded < 1 ||
      recorded > MAX_KEY_VERSION
    ) {
      throw new StorageError(
        'STORAGE_CORRUPTED',
        `The "highest" member of the current-version pointer of "${keyId}" is not a version number; set the current version again to repair it`,
        { keyId, reason: 'pointer-highest-invalid' },
      );
    }
    highest = Math.max(highest, recorded);
  }
  return highest;
}

/**
 * The number the next version of a key takes: one more than the highest ever assigned, so a
 * deleted version's number is never given to another key (spec/key-file-v1.md §9). This is also
 * the target version of a rotation (spec/key-rotation-v1.md §4).
 *
 * @example
 * nextVersion('app', { versions: [1, 2], pointer: 2, highest: 3 }); // 4
 */
export function nextVersion(keyId: string, state: KeyVersionState): number {
  const next = highestAssigned(keyId, state) + 1;
  if (next > MAX_KEY_VERSION) {
    throw new StorageError(
      'STORAGE_UNAVAILABLE',
      `Key "${keyId}" has used every version number up to ${MAX_KEY_VERSION}; store it under a new id`,
      { keyId },
    );
  }
  return next;
}

/**
 * The current version: the one the pointer names, else (a crash between the first version and its
 * pointer, spec/key-file-v1.md §8) the highest present; undefined for a key with no versions.
 *
 * @example
 * currentVersionOf({ versions: [1, 2, 3] }); // 3
 */
export function currentVersionOf(state: KeyVersionState): number | undefined {
  if (state.pointer !== undefined) return state.pointer;
  return state.versions.length === 0 ? undefined : Math.max(...state.versions);
}

/** How a new version is written. */
export interface AddVersionRequest {
  /** Allow adding to a key that exists (false: KEY_ALREADY_EXISTS). */
  overwrite: boolean;
  /** Delete every older version once the new one is current (replacing a key, §8). */
  replace: boolean;
  /** Swing the pointer to the new version (a key's first version is always current). */
  makeCurrent: boolean;
  /** A conditional write's preconditions (spec/key-rotation-v1.md §2). */
  expect?: VersionExpectations;
}

/** What a store writes for {@link planAddVersion}, in this order: version, pointer, removals. */
export interface AddVersionPlan {
  /** The new version's number. */
  version: number;
  /** The pointer's `current` after the write. */
  current: number;
  /** The pointer's `highest` after the write (always written, spec/key-file-v1.md §8). */
  highest: number;
  /** Versions to delete after the pointer is written. */
  remove: number[];
}

/**
 * Plans the write of a key's next version: refuses a key that exists unless `overwrite`, numbers
 * the version, checks a conditional write's expectations (STORAGE_LOCKED with
 * `details.conflict` when another writer came first), and says which version is current after it
 * and which older versions go.
 *
 * @example
 * const plan = planAddVersion('app', state, { overwrite: true, replace: false, makeCurrent: true });
 * // write version plan.version, then the pointer { current: plan.current, highest: plan.highest }
 */
export function planAddVersion(
  keyId: string,
  state: KeyVersionState,
  request: AddVersionRequest,
): AddVersionPlan {
  const exists = state.versions.length > 0 || state.pointer !== undefined;
  if (exists && !request.overwrite) throw keyAlreadyExists(keyId);
  const version = nextVersion(keyId, state);
  const current = exists ? currentVersionOf(state) : undefined;
  assertExpectedVersion(keyId, request.expect ?? {}, version, current);
  return {
    version,
    current: request.makeCurrent || current === undefined ? version : current,
    highest: version,
    remove: request.replace ? [...state.versions] : [],
  };
}

/** What a store writes for {@link planDeleteVersion}: the pointer's `highest`, then the removal. */
export interface DeleteVersionPlan {
  /** The version to delete. */
  version: number;
  /** The pointer's `current`, unchanged. */
  current: number;
  /** The `highest` the pointer must record before the version goes. */
  highest: number;
  /** False when the pointer already records `highest` and need not be rewritten. */
  rewritePointer: boolean;
}

/**
 * Plans the deletion of one version: undefined when it is not there (nothing to do), INVALID_ARGUMENT
 * for the current version, else the pointer's record of the highest number first, so the deleted
 * number is never assigned again (spec/key-file-v1.md §8).
 *
 * @example
 * planDeleteVersion('app', { versions: [1, 2, 3], pointer: 2 }, 3); // highest 3, rewritePointer true
 */
export function planDeleteVersion(
  keyId: string,
  state: KeyVersionState,
  version: number,
): DeleteVersionPlan | undefined {
  assertKeyVersion(version);
  if (!state.versions.includes(version)) return undefined;
  const current = currentVersionOf(state)!;
  if (version === current) throw currentVersionUndeletable(version);
  const highest = highestAssigned(keyId, state);
  return { version, current, highest, rewritePointer: state.highest !== highest };
}

/** What a store writes for {@link planSetCurrent}: the pointer. */
export interface SetCurrentPlan {
  current: number;
  highest: number;
}

/**
 * Plans a pointer swing to an existing version (KEY_NOT_FOUND otherwise). A damaged `highest`
 * contributes nothing here: setting the current version is how such a pointer is repaired
 * (spec/key-file-v1.md §8).
 *
 * @example
 * planSetCurrent('app', { versions: [1, 2], pointer: 2 }, 1); // { current: 1, highest: 2 }
 */
export function planSetCurrent(
  keyId: string,
  state: KeyVersionState,
  version: number,
): SetCurrentPlan {
  assertKeyVersion(version);
  if (state.versions.length === 0 && state.pointer === undefined) throw keyNotFound(keyId);
  if (!state.versions.includes(version)) throw keyNotFound(keyId, version);
  let highest: number;
  try {
    highest = highestAssigned(keyId, state);
  } catch {
    highest = highestAssigned(keyId, { ...state, highest: undefined });
  }
  return { current: version, highest };
}

/**
 * Checks that a version can be relabelled ({@link VersionedKeyStorage.setVersionMetadata}):
 * the key and the version exist. Relabelling changes nothing else (spec/key-file-v1.md §8).
 *
 * @example
 * assertRelabel('app', state, 1);
 */
export function assertRelabel(keyId: string, state: KeyVersionState, version: number): void {
  assertKeyVersion(version);
  if (state.versions.length === 0) throw keyNotFound(keyId);
  if (!state.versions.includes(version)) throw keyNotFound(keyId, version);
}
