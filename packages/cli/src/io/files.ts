/// <reference types="node" />
import { chmod, link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import { bytesToHex, StorageError, ValidationError, type DataFoldError } from '@datafold/js-sdk';

import { isCodedError } from '../cli/coded-error.js';

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
export async function writePrivateFile(
  path: string,
  data: string | Uint8Array,
  options: WriteFileOptions = {},
): Promise<void> {
  const directory = dirname(path);
  if (options.createParents) {
    const made = await mkdir(directory, { recursive: true, mode: 0o700 }).catch((e: unknown) => {
      throw fsError(e, directory, 'create');
    });
    if (made !== undefined) await chmod(made, 0o700).catch(() => undefined);
  }
  const temp = join(
    directory,
    `.tmp-${basename(path)}-${bytesToHex(crypto.getRandomValues(new Uint8Array(6)))}`,
  );
  let handle;
  try {
    handle = await open(temp, 'wx', 0o600);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (options.overwrite) {
      await rename(temp, path);
    } else {
      await link(temp, path).catch((e: unknown) => {
        if ((e as { code?: string }).code === 'EEXIST') {
          throw new ValidationError(
            'INVALID_ARGUMENT',
            `${path} already exists; choose another file or pass --force to replace it`,
            { path },
          );
        }
        throw e;
      });
    }
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (isCodedError(error)) throw error;
    throw fsError(error, path, 'write');
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  const dir = await open(directory, 'r').catch(() => undefined);
  await dir?.sync().catch(() => undefined);
  await dir?.close();
}

/**
 * Reads a file named on the command line; a missing one is FILE_NOT_FOUND (exit 5) naming it.
 *
 * @example
 * const text = await readInputFile('backup.json', 'utf8');
 */
export async function readInputFile(path: string): Promise<Uint8Array>;
export async function readInputFile(path: string, encoding: 'utf8'): Promise<string>;
export async function readInputFile(path: string, encoding?: 'utf8'): Promise<Uint8Array | string> {
  try {
    const info = await stat(path);
    // Inputs here are keys, signatures, backups and operation lists: small.
    if (info.size > 16 * 1024 * 1024) {
      throw new ValidationError('INVALID_ARGUMENT', `${path} is too large (over 16 MiB)`, { path });
    }
    const bytes = await readFile(path);
    return encoding === 'utf8' ? bytes.toString('utf8') : new Uint8Array(bytes);
  } catch (error) {
    if (isCodedError(error)) throw error;
    throw fsError(error, path, 'read');
  }
}

/** True when `path` names an existing file. */
export async function fileExists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

let stdinTaken: string | undefined;

/**
 * All of standard input, once per process: a passphrase, a message and a key cannot all come
 * from it, and the second taker is told which option already did.
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
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
