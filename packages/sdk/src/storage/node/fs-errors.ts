/// <reference types="node" />
import { StorageError } from '../../errors/datafold-error.js';

/** The `code` of a Node system error, if it is one. */
export function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String(error.code)
    : undefined;
}

/**
 * Turns a file-system failure into a coded StorageError that names the path (paths are not
 * secret) and keeps the system error as `cause`. ENOENT is left to callers, which know whether a
 * missing file means KEY_NOT_FOUND.
 *
 * @example
 * try { await readFile(path); } catch (e) { throw storageFsError(e, path, 'read'); }
 */
export function storageFsError(error: unknown, path: string, action: string): StorageError {
  const code = errnoCode(error);
  if (code === 'EACCES' || code === 'EPERM') {
    return new StorageError(
      'PERMISSION_DENIED',
      `Cannot ${action} ${path}: permission denied; the key directory must belong to you (chmod 700)`,
      { path, errno: code },
      { cause: error },
    );
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new StorageError(
      'STORAGE_QUOTA_EXCEEDED',
      `Cannot ${action} ${path}: the disk is full`,
      { path, errno: code },
      { cause: error },
    );
  }
  return new StorageError(
    'STORAGE_UNAVAILABLE',
    `Cannot ${action} ${path}${code ? ` (${code})` : ''}`,
    { path, ...(code ? { errno: code } : {}) },
    { cause: error },
  );
}
