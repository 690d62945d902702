/// <reference types="node" />
import { readFile, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

import type { Argon2idKdfParams } from '../../backup/types.js';
import { assertBackupPassphrase } from '../../backup/assert-backup-passphrase.js';
import { StorageError, ValidationError } from '../../errors/datafold-error.js';
import { decodeKeyFile } from '../../key-file/decode-key-file.js';
import { deriveKeyFileKey, sealKeyFile } from '../../key-file/encode-key-file.js';
import { parseKeyFile } from '../../key-file/parse-key-file.js';
import { MAX_KEY_FILE_SIZE, MAX_KEY_VERSION, type KeyFileHeader } from '../../key-file/types.js';
import type { Ed25519KeyPair } from '../../keys/types.js';
import { assertValidKeyId } from '../../utils/key-id.js';
import type {
  KeyMetadata,
  KeyStorage,
  StoreKeyPairOptions,
  StoredKeyInfo,
} from '../key-storage.js';
import { createFileAtomically, replaceFileAtomically } from './atomic-file.js';
import { errnoCode, storageFsError } from './fs-errors.js';
import {
  assertPrivateFile,
  ensureKeyDirectory,
  pointerFileName,
  scanVersions,
  versionFileName,
} from './key-directory.js';
import { withKeyLock, type KeyLockOptions } from './key-lock.js';

/** Options of {@link createFileKeyStorage}. */
export interface FileKeyStorageOptions extends KeyLockOptions {
  /** The key directory; default `~/.datafold/keys`. Created 0700 if missing. */
  directory?: string;
  /** Argon2id cost for keys written; default m=65536 KiB t=3 p=1 (floors apply). */
  kdfParams?: Partial<Argon2idKdfParams>;
}

/** One stored version of a key, as {@link FileKeyStorage.listVersions} reports it. */
export interface KeyVersionInfo {
  version: number;
  created: string;
  publicKey: Uint8Array;
  current: boolean;
  metadata: KeyMetadata;
}

/** A file the store could not read, as {@link FileKeyStorage.inspect} reports it. */
export interface KeyFileProblem {
  file: string;
  code: string;
  message: string;
}

/** Options of {@link FileKeyStorage.storeKeyVersion}. */
export interface StoreKeyVersionOptions {
  metadata?: KeyMetadata;
  /** Make the new version current (default true). */
  makeCurrent?: boolean;
}

/** The key-file-v1 store: KeyStorage plus the versions the CLI and rotation need. */
export interface FileKeyStorage extends KeyStorage {
  readonly directory: string;
  /** Adds the next version of `keyId` (1 for a new key) and returns its number. */
  storeKeyVersion(
    keyId: string,
    keyPair: Ed25519KeyPair,
    passphrase: string,
    options?: StoreKeyVersionOptions,
  ): Promise<number>;
  retrieveKeyVersion(keyId: string, version: number, passphrase: string): Promise<Ed25519KeyPair>;
  listVersions(keyId: string): Promise<KeyVersionInfo[]>;
  getCurrentVersion(keyId: string): Promise<number>;
  setCurrentVersion(keyId: string, version: number): Promise<void>;
  /** Deletes one version; the current version cannot be deleted (INVALID_ARGUMENT). */
  deleteKeyVersion(keyId: string, version: number): Promise<boolean>;
  /** Every key that reads, and every key file that does not, naming the file. */
  inspect(): Promise<{ keys: StoredKeyInfo[]; problems: KeyFileProblem[] }>;
}

function notFound(keyId: string, version?: number): StorageError {
  return new StorageError(
    'KEY_NOT_FOUND',
    version === undefined
      ? `No key is stored under "${keyId}"`
      : `Key "${keyId}" has no version ${version}`,
    { keyId, ...(version === undefined ? {} : { version }) },
  );
}

function checkVersion(version: unknown): asserts version is number {
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

/**
 * The Node key store shared with the CLI: one key file v1 per key version in a 0700 directory,
 * files 0600, written atomically, a per-key lock for writers, a `K.current` pointer swung
 * atomically (spec/key-file-v1.md §7-§9). Argon2id runs before the lock is taken, so the lock is
 * held for milliseconds.
 *
 * @example
 * import { createFileKeyStorage } from '@datafold/js-sdk/node';
 * const storage = createFileKeyStorage({ directory: '/home/me/.datafold/keys' });
 * await storage.storeKeyPair('app', keyPair, 'correct horse battery staple');
 * const v2 = await storage.storeKeyVersion('app', rotatedPair, 'correct horse battery staple');
 */
export function createFileKeyStorage(options: FileKeyStorageOptions = {}): FileKeyStorage {
  const directory = resolve(options.directory ?? join(homedir(), '.datafold', 'keys'));
  const lockOptions: KeyLockOptions = {
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.staleMs === undefined ? {} : { staleMs: options.staleMs }),
  };
  let ready: Promise<void> | undefined;
  const prepare = () =>
    (ready ??= ensureKeyDirectory(directory).catch((e: unknown) => {
      ready = undefined;
      throw e;
    }));

  async function versionsOf(keyId: string): Promise<number[]> {
    return (await scanVersions(directory)).get(keyId) ?? [];
  }

  async function readPointer(keyId: string): Promise<number | undefined> {
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

  async function currentVersion(keyId: string, versions?: number[]): Promise<number> {
    const pointed = await readPointer(keyId);
    const present = versions ?? (await versionsOf(keyId));
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
        { keyId },
      );
    }
    return pointed;
  }

  async function readVersionFile(keyId: string, version: number): Promise<string> {
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
  function checkedHeader(text: string, keyId: string, version: number): KeyFileHeader {
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

  async function decodeVersion(
    keyId: string,
    version: number,
    passphrase: string,
  ): Promise<Ed25519KeyPair> {
    const text = await readVersionFile(keyId, version);
    checkedHeader(text, keyId, version);
    return (await decodeKeyFile(text, passphrase)).keyPair;
  }

  async function writePointer(keyId: string, version: number): Promise<void> {
    const pointer = { format: 'datafold-key-current', version: 1, key_id: keyId, current: version };
    await replaceFileAtomically(directory, pointerFileName(keyId), `${JSON.stringify(pointer)}\n`);
  }

  async function assertNoCaseTwin(keyId: string): Promise<void> {
    const lower = keyId.toLowerCase();
    for (const other of (await scanVersions(directory)).keys()) {
      if (other !== keyId && other.toLowerCase() === lower) {
        throw new StorageError(
          'KEY_ALREADY_EXISTS',
          `Key "${other}" differs from "${keyId}" only in case; key directories may be case-insensitive`,
          { keyId },
        );
      }
    }
  }

  /** Derive outside the lock, then under it: pick the next version, seal, link, maybe swing. */
  async function addVersion(
    keyId: string,
    keyPair: Ed25519KeyPair,
    passphrase: string,
    metadata: KeyMetadata | undefined,
    mode: { overwrite: boolean; replace: boolean; makeCurrent: boolean },
  ): Promise<number> {
    assertValidKeyId(keyId);
    assertBackupPassphrase(passphrase);
    if (
      metadata !== undefined &&
      (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
    ) {
      throw new ValidationError('INVALID_ARGUMENT', 'metadata must be a plain object');
    }
    await prepare();
    const kfk = await deriveKeyFileKey(passphrase, options.kdfParams);
    try {
      return await withKeyLock(
        directory,
        keyId,
        async () => {
          const versions = await versionsOf(keyId);
          if (versions.length > 0 && !mode.overwrite) {
            throw new StorageError(
              'KEY_ALREADY_EXISTS',
              `A key is already stored under "${keyId}"`,
              { keyId },
            );
          }
          if (versions.length === 0) await assertNoCaseTwin(keyId);
          const next = (versions[versions.length - 1] ?? 0) + 1;
          checkVersion(next);
          const text = await sealKeyFile(kfk, {
            keyId,
            keyVersion: next,
            keyPair,
            ...(metadata === undefined ? {} : { metadata }),
          });
          await createFileAtomically(directory, versionFileName(keyId, next), text);
          if (mode.makeCurrent || versions.length === 0) await writePointer(keyId, next);
          if (mode.replace) {
            for (const old of versions) {
              await unlink(join(directory, versionFileName(keyId, old))).catch(() => undefined);
            }
          }
          return next;
        },
        lockOptions,
      );
    } finally {
      kfk.dispose();
    }
  }

  async function infoOf(keyId: string, versions: number[]): Promise<StoredKeyInfo> {
    const version = await currentVersion(keyId, versions);
    const header = checkedHeader(await readVersionFile(keyId, version), keyId, version);
    return {
      keyId,
      publicKey: header.publicKey,
      created: header.created,
      metadata: { ...header.metadata },
      version,
    };
  }

  const storage: FileKeyStorage = {
    directory,

    async storeKeyPair(
      keyId,
      keyPair,
      passphrase,
      metadata?,
      storeOptions: StoreKeyPairOptions = {},
    ) {
      const overwrite = storeOptions.overwrite ?? true;
      await addVersion(keyId, keyPair, passphrase, metadata, {
        overwrite,
        replace: true,
        makeCurrent: true,
      });
    },

    async storeKeyVersion(keyId, keyPair, passphrase, versionOptions = {}) {
      return addVersion(keyId, keyPair, passphrase, versionOptions.metadata, {
        overwrite: true,
        replace: false,
        makeCurrent: versionOptions.makeCurrent ?? true,
      });
    },

    async retrieveKeyPair(keyId, passphrase) {
      assertValidKeyId(keyId);
      await prepare();
      return decodeVersion(keyId, await currentVersion(keyId), passphrase);
    },

    async retrieveKeyVersion(keyId, version, passphrase) {
      assertValidKeyId(keyId);
      checkVersion(version);
      await prepare();
      return decodeVersion(keyId, version, passphrase);
    },

    async listKeys() {
      return (await storage.inspect()).keys;
    },

    async inspect() {
      await prepare();
      const keys: StoredKeyInfo[] = [];
      const problems: KeyFileProblem[] = [];
      for (const [keyId, versions] of [...(await scanVersions(directory))].sort(([a], [b]) =>
        a < b ? -1 : 1,
      )) {
        try {
          keys.push(await infoOf(keyId, versions));
        } catch (error) {
          // One unreadable key must not hide the others (spec/key-file-v1.md §3).
          problems.push({
            file: keyId,
            code: error instanceof StorageError ? error.code : 'STORAGE_UNAVAILABLE',
            message: error instanceof Error ? error.message : String(error),
          });
        }
      }
      return { keys, problems };
    },

    async listVersions(keyId) {
      assertValidKeyId(keyId);
      await prepare();
      const versions = await versionsOf(keyId);
      if (versions.length === 0) throw notFound(keyId);
      const current = await currentVersion(keyId, versions);
      const out: KeyVersionInfo[] = [];
      for (const version of versions) {
        const header = checkedHeader(await readVersionFile(keyId, version), keyId, version);
        out.push({
          version,
          created: header.created,
          publicKey: header.publicKey,
          current: version === current,
          metadata: { ...header.metadata },
        });
      }
      return out;
    },

    async getCurrentVersion(keyId) {
      assertValidKeyId(keyId);
      await prepare();
      return currentVersion(keyId);
    },

    async setCurrentVersion(keyId, version) {
      assertValidKeyId(keyId);
      checkVersion(version);
      await prepare();
      await withKeyLock(
        directory,
        keyId,
        async () => {
          if (!(await versionsOf(keyId)).includes(version)) throw notFound(keyId, version);
          await writePointer(keyId, version);
        },
        lockOptions,
      );
    },

    async deleteKeyVersion(keyId, version) {
      assertValidKeyId(keyId);
      checkVersion(version);
      await prepare();
      return withKeyLock(
        directory,
        keyId,
        async () => {
          const versions = await versionsOf(keyId);
          if (!versions.includes(version)) return false;
          if (version === (await currentVersion(keyId, versions))) {
            throw new ValidationError(
              'INVALID_ARGUMENT',
              `Version ${version} is current; make another version current first, or delete the key`,
            );
          }
          await unlink(join(directory, versionFileName(keyId, version)));
          return true;
        },
        lockOptions,
      );
    },

    async deleteKey(keyId) {
      assertValidKeyId(keyId);
      await prepare();
      return withKeyLock(
        directory,
        keyId,
        async () => {
          const versions = await versionsOf(keyId);
          const pointed = await readPointer(keyId).catch(() => undefined);
          // Non-current versions first, the current one next, the pointer last (§8).
          const order = [
            ...versions.filter((v) => v !== pointed),
            ...versions.filter((v) => v === pointed),
          ];
          for (const version of order) {
            await unlink(join(directory, versionFileName(keyId, version))).catch((e: unknown) => {
              if (errnoCode(e) !== 'ENOENT')
                throw storageFsError(e, versionFileName(keyId, version), 'delete');
            });
          }
          await unlink(join(directory, pointerFileName(keyId))).catch(() => undefined);
          return versions.length > 0;
        },
        lockOptions,
      );
    },

    async hasKey(keyId) {
      assertValidKeyId(keyId);
      await prepare();
      return (await versionsOf(keyId)).length > 0;
    },
  };
  return storage;
}
