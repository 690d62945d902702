import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DataFoldError } from '@datafold/js-sdk';
import SqliteDatabase from 'better-sqlite3';

/** The lock file; SQLite holds an exclusive lock on it for as long as the holder runs. */
export const LOCK_FILE = 'datafold.lock';
/** Who holds the lock, for the message a refused process prints. Informative only. */
const OWNER_FILE = 'datafold.lock.owner';

/** What the holder writes about itself. */
interface LockOwner {
  pid: number;
  host: string;
  command: string;
  started_at: string;
}

/** A held lock on a data directory; `release` lets the next process in. */
export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describeOwner(dataDir: string): string {
  try {
    const owner = JSON.parse(readFileSync(join(dataDir, OWNER_FILE), 'utf8')) as LockOwner;
    const where = owner.host === hostname() ? '' : ` on ${owner.host}`;
    const alive = owner.host !== hostname() || isAlive(owner.pid);
    return alive
      ? `process ${owner.pid}${where} (${owner.command}, since ${owner.started_at})`
      : 'another process';
  } catch {
    return 'another process';
  }
}

/** True when `error` is the refusal `acquireDataDirLock` throws for a directory in use. */
export function isDataDirLocked(error: unknown): boolean {
  return error instanceof DataFoldError && error.code === 'DATA_DIR_LOCKED';
}

/**
 * Takes the one-writer lock of a SQLite data directory, or throws DATA_DIR_LOCKED naming the
 * directory and the process that holds it. The lock is an exclusive SQLite transaction on
 * `datafold.lock`, i.e. an OS file lock (fcntl): it is released when the holder exits, crashed or
 * not, so nothing stale is left behind to clean up. One process per directory is what lets a
 * server keep caches (a revocation it commits is seen by its only reader: itself).
 *
 * @example
 * const lock = acquireDataDirLock('./.datafold-data', 'datafold-server serve');
 * // ... run ...
 * lock.release();
 */
export function acquireDataDirLock(dataDir: string, command: string): DataDirLock {
  const lock = new SqliteDatabase(join(dataDir, LOCK_FILE), { timeout: 0 });
  try {
    // An EXCLUSIVE transaction holds the file lock until this connection closes. Not WAL, which
    // would let others in; the journal in memory, since nothing is ever written.
    lock.pragma('journal_mode = MEMORY');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new DataFoldError(
        'DATA_DIR_LOCKED',
        `the data directory ${dataDir} is in use by ${describeOwner(dataDir)}; stop it or pass another --data-dir`,
        { data_dir: dataDir },
      );
    }
    throw error;
  }
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    command,
    started_at: new Date().toISOString(),
  };
  const ownerFile = join(dataDir, OWNER_FILE);
  writeFileSync(`${ownerFile}.tmp`, JSON.stringify(owner), { mode: 0o600 });
  renameSync(`${ownerFile}.tmp`, ownerFile);
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      rmSync(ownerFile, { force: true });
      lock.close();
    },
  };
}
