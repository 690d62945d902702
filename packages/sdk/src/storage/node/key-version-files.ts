/// <reference types="node" />
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { StorageError, ValidationError } from '../../errors/datafold-error.js';
import { decodeKeyFile } from '../../key-file/decode-key-file.js';
import { parseKeyFile } from '../../key-file/parse-key-file.js';
import { MAX_KEY_FILE_SIZE, MAX_KEY_VERSION, type KeyFileHeader } from '../../key-file/types.js';
import type { Ed25519KeyPair } from '../../keys/types.js';
import { replaceFileAtomically } from './atomic-file.js';
import { errnoCode, storageFsError } from './fs-errors.js';
import {
  assertPrivateFile,
  pointerFileName,
  scanVersions,
  versionFileName,
} from './key-directory.js';

// The file-level operations of the key directory (spec/key-file-v1.md §7-§8): which versions
// exist, which is current, reading one version and checking it is what its name says, swinging
// the pointer. The store composes them under its lock.

export function notFound(keyId: string, version?: number): StorageError {
  return new StorageError(
    'KEY_NOT_FOUND',
    version === undefined
      ? `No key is stored under "${keyId}"`
      : `Key "${keyId}" has no version ${version}`,
    { keyId, ...(version === undefined ? {} : { version }) },
  );
}

export function checkVersion(version: unknown): asserts version is number {
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

export async function versionsOf(directory: string, keyId: string): Promise<number[]> {
  return (await scanVersions(directory)).get(keyId) ?? [];
}

export async function readPointer(directory: string, keyId: string): Promise<number | undefined> {
  const path = join(directory, pointerFileName(keyId));
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw storageFsError(error, path, 'read');
  }
  try {
    const pointer = JSON.parse(text) as { format?: unknown; key_id?: unknown; current?: unknown };
    const current = pointer.current;
    if (
      pointer.format === 'datafold-key-current' &&
      pointer.key_id === keyId &&
      typeof current === 'number'
    ) {
      checkVersion(current);
      return current;
    }
  } catch {
    // fall through to the coded error
  }
  throw new StorageError('STORAGE_CORRUPTED', `${path} is not a valid current-version pointer`, {
    path,
  });
}

export async function currentVersion(
  directory: string,
  keyId: string,
  versions?: number[],
): Promise<number> {
  const pointed = await readPointer(directory, keyId);
  const present = versions ?? (await versionsOf(directory, keyId));
  if (pointed === undefined) {
    // A crash between the first version and its pointer: the highest version is current (§8).
    const highest = present[present.length - 1];
    if (highest === undefined) throw notFound(keyId);
    return highest;
  }
  if (!present.includes(pointed)) {
    if (present.length === 0) throw notFound(keyId);
    throw new StorageError(
      'STORAGE_CORRUPTED',
      `${pointerFileName(keyId)} names version ${pointed}, which is missing; delete the key again or set another current version`,
      { keyId, reason: 'pointer-target-missing' },
    );
  }
  return pointed;
}

export async function readVersionFile(
  directory: string,
  keyId: string,
  version: number,
): Promise<string> {
  const path = join(directory, versionFileName(keyId, version));
  try {
    await assertPrivateFile(path);
    const bytes = await readFile(path);
    if (bytes.length > MAX_KEY_FILE_SIZE) {
      throw new StorageError('STORAGE_CORRUPTED', `${path} is too large to be a key file`, {
        path,
      });
    }
    return bytes.toString('utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') throw notFound(keyId, version);
    if (error instanceof StorageError) throw error;
    throw storageFsError(error, path, 'read');
  }
}

/** Parses a version file and checks it is the file its name says (spec/key-file-v1.md §3). */
export function checkedHeader(text: string, keyId: string, version: number): KeyFileHeader {
  const file = versionFileName(keyId, version);
  let header: KeyFileHeader;
  try {
    header = parseKeyFile(text);
  } catch (error) {
    if (error instanceof StorageError) {
      throw new StorageError('STORAGE_CORRUPTED', `${file}: ${error.message}`, {
        ...error.details,
        file,
      });
    }
    throw error;
  }
  if (header.keyId !== keyId || header.keyVersion !== version) {
    throw new StorageError(
      'STORAGE_CORRUPTED',
      `${file} holds key "${header.keyId}" version ${header.keyVersion}, not what its name says`,
      { file },
    );
  }
  return header;
}

export async function decodeVersion(
  directory: string,
  keyId: string,
  version: number,
  passphrase: string,
): Promise<Ed25519KeyPair> {
  const text = await readVersionFile(directory, keyId, version);
  checkedHeader(text, keyId, version);
  return (await decodeKeyFile(text, passphrase)).keyPair;
}

export async function writePointer(
  directory: string,
  keyId: string,
  version: number,
): Promise<void> {
  const pointer = { format: 'datafold-key-current', version: 1, key_id: keyId, current: version };
  await replaceFileAtomically(directory, pointerFileName(keyId), `${JSON.stringify(pointer)}\n`);
}
