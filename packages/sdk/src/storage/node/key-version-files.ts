/// <reference types="node" />
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { StorageError } from '../../errors/datafold-error.js';
import { decodeKeyFile } from '../../key-file/decode-key-file.js';
import { parseKeyFile } from '../../key-file/parse-key-file.js';
import { MAX_KEY_FILE_SIZE, type KeyFileHeader } from '../../key-file/types.js';
import type { Ed25519KeyPair } from '../../keys/types.js';
import { assertKeyVersion, keyNotFound } from '../version-checks.js';
import { currentVersionOf, type KeyVersionState } from '../versioned-store-core.js';
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
      assertKeyVersion(current);
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
 * A key's state as the versioned-store core reads it (versioned-store-core.ts): the version files
 * present and what the pointer says. Call under the key's lock when the state decides a write.
 */
export async function keyState(
  directory: string,
  keyId: string,
  versions?: number[],
): Promise<KeyVersionState> {
  const present = versions ?? (await versionsOf(directory, keyId));
  const pointer = await readPointerRecord(directory, keyId);
  return { versions: present, pointer: pointer?.current, highest: pointer?.highest };
}

export async function currentVersion(
  directory: string,
  keyId: string,
  versions?: number[],
): Promise<number> {
  const pointed = await readPointer(directory, keyId);
  const present = versions ?? (await versionsOf(directory, keyId));
  // Without a pointer (a crash before the first one) the highest version is current (§8).
  const current = currentVersionOf({ versions: present, pointer: pointed });
  if (current === undefined) throw keyNotFound(keyId);
  if (!present.includes(current)) {
    if (present.length === 0) throw keyNotFound(keyId);
    throw new StorageError(
      'STORAGE_CORRUPTED',
      `${pointerFileName(keyId)} names version ${pointed}, which is missing; delete the key again or set another current version`,
      { keyId, reason: 'pointer-target-missing' },
    );
  }
  return current;
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
    if (errnoCode(error) === 'ENOENT') throw keyNotFound(keyId, version);
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
