/// <reference types="node" />
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

import { StorageError } from '../../errors/datafold-error.js';
import { errnoCode, storageFsError } from './fs-errors.js';
import { bytesToHex } from '../../encoding/hex.js';
import { randomBytes } from '../../platform/webcrypto.js';

/** Prefix of files being written; key ids cannot start with a dot (spec/key-file-v1.md §7). */
export const TEMP_PREFIX = '.tmp-';

/**
 * fsyncs a directory so a rename or link in it survives a crash (POSIX leaves directory entries
 * in the page cache until then). Windows cannot open directories for sync; there it is skipped.
 */
export async function fsyncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `data` to a fresh `.tmp-*` file (O_EXCL, 0600) and fsyncs it; returns its path. */
async function writeTemp(directory: string, data: string): Promise<string> {
  const path = join(directory, `${TEMP_PREFIX}${bytesToHex(randomBytes(12))}`);
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw storageFsError(error, path, 'write');
  }
  await handle.close();
  return path;
}

/**
 * Creates `name` in `directory` with `data`, atomically and never over an existing file: temp
 * file, fsync, hard link to the final name (EEXIST if taken), unlink the temp, fsync the
 * directory (spec/key-file-v1.md §8). Throws KEY_ALREADY_EXISTS if the name exists.
 *
 * @example
 * await createFileAtomically(dir, 'app.v2.key', text);
 */
export async function createFileAtomically(
  directory: string,
  name: string,
  data: string,
): Promise<void> {
  const target = join(directory, name);
  const temp = await writeTemp(directory, data);
  try {
    try {
      await link(temp, target);
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'EEXIST') {
        throw new StorageError(
          'KEY_ALREADY_EXISTS',
          `${name} already exists; versions are never overwritten`,
        );
      }
      // File systems without hard links: the caller holds the key's lock, so check then rename.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') {
        throw storageFsError(error, target, 'create');
      }
      const exists = await stat(target).then(
        () => true,
        () => false,
      );
      if (exists) {
        throw new StorageError(
          'KEY_ALREADY_EXISTS',
          `${name} already exists; versions are never overwritten`,
        );
      }
      await rename(temp, target).catch((e: unknown) => {
        throw storageFsError(e, target, 'create');
      });
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await fsyncDirectory(directory);
}

/**
 * Replaces `name` with `data` atomically: temp file, fsync, rename over the old file, fsync the
 * directory. Readers see the old content or the new, never a mix.
 *
 * @example
 * await replaceFileAtomically(dir, 'app.current', pointerJson);
 */
export async function replaceFileAtomically(
  directory: string,
  name: string,
  data: string,
): Promise<void> {
  const target = join(directory, name);
  const temp = await writeTemp(directory, data);
  try {
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw storageFsError(error, target, 'replace');
  }
  await fsyncDirectory(directory);
}
