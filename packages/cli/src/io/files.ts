/// <reference types="node" />
// Synchronous fs throughout: a CLI run does one thing at a time, and node:fs/promises would load
// eight more modules (watchers, readline) into every command's start.
import {
  chmodSync,
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { bytesToHex, StorageError, ValidationError, type DataFoldError } from '@datafold/js-sdk';

import { isCodedError } from '../errors/coded-error.js';

/** Options of {@link writePrivateFile}. */
export interface WriteFileOptions {
  /** Replace an existing file (default false: FILE exists is an error). */
  overwrite?: boolean;
  /** Create missing parent directories, mode 0700. */
  createParents?: boolean;
}

function fsError(error: unknown, path: string, action: string): DataFoldError {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') {
    return new StorageError('PERMISSION_DENIED', `Cannot ${action} ${path}: permission denied`, {
      path,
    });
  }
  if (code === 'ENOENT') {
    return new StorageError(
      'FILE_NOT_FOUND',
      `Cannot ${action} ${path}: no such file or directory`,
      {
        path,
      },
    );
  }
  if (code === 'EISDIR') {
    return new ValidationError('INVALID_ARGUMENT', `${path} is a directory, not a file`, { path });
  }
  return new StorageError(
    'STORAGE_UNAVAILABLE',
    `Cannot ${action} ${path}${code ? ` (${code})` : ''}`,
    {
      path,
    },
  );
}

/**
 * Writes a file the way the CLI writes everything (keys, signatures, backups, config): mode 0600
 * whatever the umask, to a temp file in the same directory, fsync, then link (refusing to
 * replace) or rename (replacing) into place, then fsync the directory. A crash or Ctrl-C leaves
 * the old file or the new one, never half of one.
 *
 * @example
 * await writePrivateFile('backup.json', text);                      // refuses to replace
 * await writePrivateFile(configPath, json, { overwrite: true, createParents: true });
 */
// eslint-disable-next-line @typescript-eslint/require-await -- synchronous fs on purpose (above)
export async function writePrivateFile(
  path: string,
  data: string | Uint8Array,
  options: WriteFileOptions = {},
): Promise<void> {
  const directory = dirname(path);
  if (options.createParents) {
    let made: string | undefined;
    try {
      made = mkdirSync(directory, { recursive: true, mode: 0o700 });
    } catch (e) {
      throw fsError(e, directory, 'create');
    }
    if (made !== undefined) ignoreFailure(() => chmodSync(made, 0o700));
  }
  const temp = join(
    directory,
    `.tmp-${basename(path)}-${bytesToHex(crypto.getRandomValues(new Uint8Array(6)))}`,
  );
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', 0o600);
    writeFileSync(fd, data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (options.overwrite) {
      renameSync(temp, path);
    } else {
      try {
        linkSync(temp, path);
      } catch (e) {
        if ((e as { code?: string }).code === 'EEXIST') {
          throw new ValidationError(
            'INVALID_ARGUMENT',
            `${path} already exists; choose another file or pass --force to replace it`,
            { path },
          );
        }
        throw e;
      }
    }
  } catch (error) {
    if (fd !== undefined) ignoreFailure(() => closeSync(fd!));
    if (isCodedError(error)) throw error;
    throw fsError(error, path, 'write');
  } finally {
    ignoreFailure(() => unlinkSync(temp));
  }
  // The directory entry is durable only once the directory itself is synced.
  ignoreFailure(() => {
    const dir = openSync(directory, 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  });
}

function ignoreFailure(step: () => void): void {
  try {
    step();
  } catch {
    // best effort: the write itself has succeeded or already failed with its own error
  }
}

/**
 * The most any input the CLI reads whole may hold (a file named on the command line, standard
 * input): inputs here are keys, signatures, backups, operation lists, messages and request
 * bodies, all small; a bound keeps a mistaken `/dev/zero` or a huge file from filling memory.
 */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** "16 MiB": the bound as people read it. */
const MAX_INPUT_TEXT = `${MAX_INPUT_BYTES / (1024 * 1024)} MiB`;

/**
 * Reads a file named on the command line; a missing one is FILE_NOT_FOUND (exit 5) naming it.
 *
 * @example
 * const text = await readInputFile('backup.json', 'utf8');
 */
export async function readInputFile(path: string): Promise<Uint8Array>;
export async function readInputFile(path: string, encoding: 'utf8'): Promise<string>;
// eslint-disable-next-line @typescript-eslint/require-await -- synchronous fs on purpose (above)
export async function readInputFile(path: string, encoding?: 'utf8'): Promise<Uint8Array | string> {
  try {
    const info = statSync(path);
    if (info.size > MAX_INPUT_BYTES) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `${path} is too large (over ${MAX_INPUT_TEXT})`,
        {
          path,
        },
      );
    }
    const bytes = readFileSync(path);
    return encoding === 'utf8' ? bytes.toString('utf8') : new Uint8Array(bytes);
  } catch (error) {
    if (isCodedError(error)) throw error;
    throw fsError(error, path, 'read');
  }
}

/** True when `path` names an existing file. */
// eslint-disable-next-line @typescript-eslint/require-await -- synchronous fs on purpose (above)
export async function fileExists(path: string): Promise<boolean> {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

let stdinTaken: string | undefined;

/**
 * All of standard input, once per process: a passphrase, a message and a key cannot all come
 * from it, and the second taker is told which option already did. More than MAX_INPUT_BYTES is
 * refused as soon as it arrives, without reading the rest.
 *
 * @example
 * const message = await readStdin('--message-stdin');
 */
export async function readStdin(taker: string): Promise<Uint8Array> {
  if (stdinTaken !== undefined) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      `${taker} and ${stdinTaken} both read standard input; give one of them from a file`,
    );
  }
  stdinTaken = taker;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_INPUT_BYTES) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `standard input (${taker}) is too large (over ${MAX_INPUT_TEXT})`,
      );
    }
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
