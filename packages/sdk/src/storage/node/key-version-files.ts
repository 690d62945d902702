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

/** What `K.current` says: the current version and, when recorded, the highest ever assigned. */
export interface KeyPointer {
  current: number;
  /** Raw `highest` member (spec/key-file-v1.md §8); only writers need it, so only they check it. */
  highest: unknown;
}

export async function readPointerRecord(
  directory: string,
  keyId: string,
): Promise<KeyPointer | undefined> {
  const path = join(directory, pointerFileName(keyId));
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw storageFsError(error, path, 'read');
  }
  try {
    // Unknown members are ignored (§8), so older and newer writers share one pointer.
    const pointer = JSON.parse(text) as {
      format?: unknown;
      key_id?: unknown;
      current?: unknown;
      highest?: unknown;
    };
    const current = pointer.current;
    if (
      pointer.format === 'datafold-key-current' &&
      pointer.key_id === keyId &&
      typeof current === 'number'
    ) {
      checkVersion(current);
      return { current, highest: pointer.highest };
    }
  } catch {
    // fall through to the coded error
  }
  throw new StorageError('STORAGE_CORRUPTED', `${path} is not a valid current-version pointer`, {
    path,
  });
}

export async function readPointer(directory: string, keyId: string): Promise<number | undefined> {
  return (await readPointerRecord(directory, keyId))?.current;
}

/**
 * The highest version ever assigned to a key: the highest file, the pointer's current version
 * and its `highest` member, whichever is largest (spec/key-file-v1.md §8-§9). Call under the
 * key's lock; the next version is this plus one, so a deleted top version is never reused.
 */
export function highestAssigned(
  keyId: string,
  versions: number[],
  pointer: KeyPointer | undefined,
): number {
  let highest = Math.max(0, ...versions, pointer?.current ?? 0);
  const recorded = pointer?.highest;
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

/**
 * Replaces `K.current` atomically. `highest` is the highest version ever assigned (§8); it is
 * never written below `version`. Call under the key's lock.
 */
export async function writePointer(
  directory: string,
  keyId: string,
  version: number,
  highest: number,
): Promise<void> {
  const pointer = {
    format: 'datafold-key-current',
    version: 1,
    key_id: keyId,
    current: version,
    highest: Math.max(version, highest),
  };
  await replaceFileAtomically(directory, pointerFileName(keyId), `${JSON.stringify(pointer)}\n`);
}
