/// <reference types="node" />
import { open, readFile, rename, stat, unlink, link } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

import { StorageError } from '../../errors/datafold-error.js';
import { TEMP_PREFIX } from './atomic-file.js';
import { errnoCode, storageFsError } from './fs-errors.js';
import { bytesToHex } from '../../encoding/hex.js';
import { randomBytes } from '../../platform/webcrypto.js';

/** How long to wait for a lock, and when a lock counts as abandoned. */
export interface KeyLockOptions {
  /** Give up with STORAGE_LOCKED after this many ms (default 10 000). */
  timeoutMs?: number;
  /** A lock older than this is stale whoever holds it (default 30 000; holders keep it ms). */
  staleMs?: number;
}

interface LockContent {
  pid?: number;
  hostname?: string;
  token?: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM';
  }
}

async function readLock(
  path: string,
): Promise<{ content: LockContent; ageMs: number } | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    let content: LockContent = {};
    try {
      content = JSON.parse(text) as LockContent;
    } catch {
      // A holder between creating and filling the file: judged by age alone.
    }
    return { content, ageMs: Date.now() - info.mtimeMs };
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw storageFsError(error, path, 'read the lock');
  }
}

/**
 * Removes a stale lock (spec/key-file-v1.md §9): its holder is a dead process on this host, or it
 * is older than `staleMs`. The lock is renamed aside first and its token compared, so a fresh lock
 * taken in between is put back rather than destroyed.
 */
async function breakIfStale(path: string, directory: string, staleMs: number): Promise<boolean> {
  const seen = await readLock(path);
  if (seen === undefined) return true;
  const { content, ageMs } = seen;
  const deadHolder =
    content.hostname === hostname() &&
    typeof content.pid === 'number' &&
    content.pid !== process.pid &&
    !isProcessAlive(content.pid);
  if (!deadHolder && ageMs <= staleMs) return false;
  const aside = join(directory, `${TEMP_PREFIX}stale-${bytesToHex(randomBytes(8))}`);
  try {
    await rename(path, aside);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return true;
    throw storageFsError(error, path, 'remove the stale lock');
  }
  const taken = await readLock(aside);
  if (taken !== undefined && taken.content.token !== content.token) {
    await link(aside, path).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
  return true;
}

/**
 * Runs `work` while holding `<keyId>.lock` in `directory`: created with O_EXCL, retried with a
 * randomised back-off, removed only if it is still ours. Throws STORAGE_LOCKED after the timeout.
 *
 * @example
 * const version = await withKeyLock(dir, 'app', async () => writeNextVersion());
 */
export async function withKeyLock<T>(
  directory: string,
  keyId: string,
  work: () => Promise<T>,
  options: KeyLockOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  const path = join(directory, `${keyId}.lock`);
  const token = bytesToHex(randomBytes(16));
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  for (;;) {
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        const content = {
          pid: process.pid,
          hostname: hostname(),
          token,
          acquired: new Date().toISOString(),
        };
        await handle.writeFile(JSON.stringify(content), 'utf8');
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if (errnoCode(error) !== 'EEXIST') throw storageFsError(error, path, 'create the lock');
    }
    if (await breakIfStale(path, directory, staleMs)) continue;
    if (Date.now() >= deadline) {
      throw new StorageError(
        'STORAGE_LOCKED',
        `Another process holds the lock on key "${keyId}" (${path}); retry, or remove the file if no DataFold process is running`,
        { keyId },
      );
    }
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 100);
  }
  try {
    return await work();
  } finally {
    const current = await readLock(path).catch(() => undefined);
    if (current?.content.token === token) await unlink(path).catch(() => undefined);
  }
}
