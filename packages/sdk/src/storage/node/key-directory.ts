/// <reference types="node" />
import { chmod, lstat, mkdir, readdir, stat } from 'node:fs/promises';

import { StorageError } from '../../errors/datafold-error.js';
import { validateKeyId } from '../../utils/key-id.js';
import { MAX_KEY_VERSION } from '../../key-file/types.js';
import { errnoCode, storageFsError } from './fs-errors.js';

const VERSION_FILE = /^(.+)\.v([1-9][0-9]{0,8})\.key$/;

/** `K.vN.key`: the file of one key version (spec/key-file-v1.md §7). */
export function versionFileName(keyId: string, version: number): string {
  return `${keyId}.v${version}.key`;
}

/** `K.current`: the current-version pointer. */
export function pointerFileName(keyId: string): string {
  return `${keyId}.current`;
}

/**
 * The key id and version a file name stands for, or undefined for any other name (pointers,
 * locks, temp files, foreign files). The greedy id group makes `a.v1.v2.key` key `a.v1`, v2.
 *
 * @example
 * parseVersionFileName('app.v3.key'); // { keyId: 'app', version: 3 }
 */
export function parseVersionFileName(name: string): { keyId: string; version: number } | undefined {
  const match = VERSION_FILE.exec(name);
  if (match === null) return undefined;
  const keyId = match[1]!;
  const version = Number(match[2]);
  if (!validateKeyId(keyId).valid || version > MAX_KEY_VERSION) return undefined;
  return { keyId, version };
}

/** POSIX permission checks mean nothing on Windows. */
const checksModes = process.platform !== 'win32';

/**
 * Creates the key directory with mode 0700 (chmod after mkdir, because mkdir's mode is masked by
 * the umask), or checks an existing one: a directory, owned by this user, no group or other
 * bits. Anything else is PERMISSION_DENIED with the fix (spec/key-file-v1.md §7).
 *
 * @example
 * await ensureKeyDirectory(join(homedir(), '.datafold', 'keys'));
 */
export async function ensureKeyDirectory(directory: string): Promise<void> {
  let created: string | undefined;
  try {
    created = await mkdir(directory, { recursive: true, mode: 0o700 });
  } catch (error) {
    if (errnoCode(error) !== 'EEXIST') throw storageFsError(error, directory, 'create');
  }
  if (created !== undefined && checksModes) await chmod(directory, 0o700);
  let info;
  try {
    info = await lstat(directory);
  } catch (error) {
    throw storageFsError(error, directory, 'open');
  }
  if (!info.isDirectory()) {
    throw new StorageError(
      'PERMISSION_DENIED',
      `${directory} is not a directory (symbolic links are refused)`,
      {
        path: directory,
      },
    );
  }
  if (!checksModes) return;
  if (typeof process.getuid === 'function' && info.uid !== process.getuid()) {
    throw new StorageError(
      'PERMISSION_DENIED',
      `${directory} belongs to another user; use a key directory you own`,
      {
        path: directory,
      },
    );
  }
  if ((info.mode & 0o077) !== 0) {
    throw new StorageError(
      'PERMISSION_DENIED',
      `${directory} is accessible to other users (mode ${(info.mode & 0o777).toString(8)}); run: chmod 700 ${directory}`,
      { path: directory },
    );
  }
}

/**
 * Throws PERMISSION_DENIED when a key file grants group or other access, or is not a regular
 * file: a key readable by others has been exposed, and the user must know.
 */
export async function assertPrivateFile(path: string): Promise<void> {
  if (!checksModes) return;
  const info = await lstat(path);
  if (!info.isFile()) {
    throw new StorageError('PERMISSION_DENIED', `${path} is not a regular file`, { path });
  }
  if ((info.mode & 0o077) !== 0) {
    throw new StorageError(
      'PERMISSION_DENIED',
      `${path} is accessible to other users (mode ${(info.mode & 0o777).toString(8)}); run: chmod 600 ${path}`,
      { path },
    );
  }
}

/** The versions on disk, by key id, each list ascending. */
export async function scanVersions(directory: string): Promise<Map<string, number[]>> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    throw storageFsError(error, directory, 'list');
  }
  const byKey = new Map<string, number[]>();
  for (const name of names) {
    const parsed = parseVersionFileName(name);
    if (parsed === undefined) continue;
    const list = byKey.get(parsed.keyId) ?? [];
    list.push(parsed.version);
    byKey.set(parsed.keyId, list);
  }
  for (const list of byKey.values()) list.sort((a, b) => a - b);
  return byKey;
}

/** True when `path` exists. */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
