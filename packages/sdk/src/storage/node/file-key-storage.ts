/// <reference types="node" />
import { unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

import { assertStrongPassphrase } from '../../sealing/passphrase-checks.js';
import { StorageError } from '../../errors/datafold-error.js';
import { deriveKeyFileKey, sealKeyFile } from '../../key-file/encode-key-file.js';
import { relabelKeyFile } from '../../key-file/relabel-key-file.js';
import type { Ed25519KeyPair } from '../../keys/types.js';
import { assertValidKeyId } from '../../utils/key-id.js';
import { debugLog } from '../../utils/debug-log.js';
import type { KeyMetadata, StoreKeyPairOptions, StoredKeyInfo } from '../key-storage.js';
import {
  assertExpectations,
  assertKeyVersion,
  assertMetadata,
  keyNotFound,
} from '../version-checks.js';
import {
  assertRelabel,
  nextVersion,
  planAddVersion,
  planDeleteVersion,
  planSetCurrent,
  type AddVersionRequest,
} from '../versioned-store-core.js';
import { createFileAtomically, replaceFileAtomically } from './atomic-file.js';
import type {
  FileKeyStorage,
  FileKeyStorageOptions,
  KeyFileProblem,
  KeyVersionInfo,
} from './file-key-storage-types.js';
import { errnoCode, storageFsError } from './fs-errors.js';
import {
  ensureKeyDirectory,
  pointerFileName,
  scanVersions,
  versionFileName,
} from './key-directory.js';
import { readConsistently } from './consistent-read.js';
import { withKeyLock, type KeyLockOptions } from './key-lock.js';
import {
  checkedHeader,
  currentVersion,
  decodeVersion,
  keyState,
  readPointer,
  readPointerRecord,
  readVersionFile,
  versionsOf,
  writePointer,
} from './key-version-files.js';

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

  /** Derive outside the lock, then under it: plan (versioned-store-core), seal, link, swing. */
  async function addVersion(
    keyId: string,
    keyPair: Ed25519KeyPair,
    passphrase: string,
    metadata: KeyMetadata | undefined,
    request: AddVersionRequest,
  ): Promise<number> {
    assertValidKeyId(keyId);
    assertStrongPassphrase(passphrase);
    assertExpectations(request.expect ?? {});
    assertMetadata(metadata);
    await prepare();
    const kfk = await deriveKeyFileKey(passphrase, options.kdfParams);
    try {
      return await withKeyLock(
        directory,
        keyId,
        async () => {
          const versions = await versionsOf(directory, keyId);
          const state = await keyState(directory, keyId, versions);
          // A pointer naming a missing file is damage the caller must see before a write.
          if (versions.length > 0) await currentVersion(directory, keyId, versions);
          const plan = planAddVersion(keyId, state, request);
          if (versions.length === 0) await assertNoCaseTwin(keyId);
          const text = await sealKeyFile(kfk, {
            keyId,
            keyVersion: plan.version,
            keyPair,
            ...(metadata === undefined ? {} : { metadata }),
          });
          // The version first, then the pointer (recording `highest` even when the current
          // version stays), then the removals (spec/key-file-v1.md §8).
          await createFileAtomically(directory, versionFileName(keyId, plan.version), text);
          await writePointer(directory, keyId, plan.current, plan.highest);
          for (const old of plan.remove) {
            await unlink(join(directory, versionFileName(keyId, old))).catch(() => undefined);
          }
          debugLog('storage.version-written', { store: 'file', directory, keyId, ...plan });
          return plan.version;
        },
        lockOptions,
      );
    } finally {
      kfk.dispose();
    }
  }

  async function infoOf(keyId: string, versions: number[]): Promise<StoredKeyInfo> {
    const version = await currentVersion(directory, keyId, versions);
    const header = checkedHeader(await readVersionFile(directory, keyId, version), keyId, version);
    return {
      keyId,
      publicKey: header.publicKey,
      created: header.created,
      metadata: { ...header.metadata },
      version,
    };
  }

  /** One lock-free pass over a key's versions; see consistent-read.ts for why it may rerun. */
  async function listVersionsOnce(keyId: string): Promise<KeyVersionInfo[]> {
    const versions = await versionsOf(directory, keyId);
    if (versions.length === 0) throw keyNotFound(keyId);
    const current = await currentVersion(directory, keyId, versions);
    const out: KeyVersionInfo[] = [];
    for (const version of versions) {
      const header = checkedHeader(
        await readVersionFile(directory, keyId, version),
        keyId,
        version,
      );
      out.push({
        version,
        created: header.created,
        publicKey: header.publicKey,
        current: version === current,
        metadata: { ...header.metadata },
      });
    }
    return out;
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
        expect: versionOptions,
      });
    },

    async retrieveKeyPair(keyId, passphrase) {
      assertValidKeyId(keyId);
      await prepare();
      // The file is read before the KDF runs, so a retry never repeats the KDF.
      return readConsistently(async () => {
        const version = await currentVersion(directory, keyId);
        debugLog('storage.read', { store: 'file', keyId, version });
        return decodeVersion(directory, keyId, version, passphrase);
      });
    },

    async retrieveKeyVersion(keyId, version, passphrase) {
      assertValidKeyId(keyId);
      assertKeyVersion(version);
      await prepare();
      debugLog('storage.read', { store: 'file', keyId, version });
      return decodeVersion(directory, keyId, version, passphrase);
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
          // The scan's listing first; a fresh one if a writer moved on meanwhile.
          let listing: number[] | undefined = versions;
          keys.push(
            await readConsistently(async () => {
              const present = listing ?? (await versionsOf(directory, keyId));
              listing = undefined;
              return infoOf(keyId, present);
            }),
          );
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
      return readConsistently(() => listVersionsOnce(keyId));
    },

    async getCurrentVersion(keyId) {
      assertValidKeyId(keyId);
      await prepare();
      return readConsistently(() => currentVersion(directory, keyId));
    },

    async setCurrentVersion(keyId, version) {
      assertValidKeyId(keyId);
      assertKeyVersion(version);
      await prepare();
      await withKeyLock(
        directory,
        keyId,
        async () => {
          const versions = await versionsOf(directory, keyId);
          // Setting the current version is how a damaged pointer is repaired, so a pointer that
          // cannot be read contributes nothing rather than blocking the repair.
          const pointer = await readPointerRecord(directory, keyId).catch(() => undefined);
          const plan = planSetCurrent(
            keyId,
            { versions, pointer: pointer?.current, highest: pointer?.highest },
            version,
          );
          await writePointer(directory, keyId, plan.current, plan.highest);
          debugLog('storage.current-set', { store: 'file', keyId, version });
        },
        lockOptions,
      );
    },

    async deleteKeyVersion(keyId, version) {
      assertValidKeyId(keyId);
      assertKeyVersion(version);
      await prepare();
      return withKeyLock(
        directory,
        keyId,
        async () => {
          const versions = await versionsOf(directory, keyId);
          if (versions.includes(version)) await currentVersion(directory, keyId, versions);
          const plan = planDeleteVersion(
            keyId,
            await keyState(directory, keyId, versions),
            version,
          );
          if (plan === undefined) return false;
          // The number is recorded before its file may go, so it is never assigned again.
          if (plan.rewritePointer) await writePointer(directory, keyId, plan.current, plan.highest);
          await unlink(join(directory, versionFileName(keyId, plan.version)));
          debugLog('storage.version-deleted', { store: 'file', keyId, version });
          return true;
        },
        lockOptions,
      );
    },

    async getNextVersion(keyId) {
      assertValidKeyId(keyId);
      await prepare();
      return nextVersion(keyId, await keyState(directory, keyId));
    },

    async setVersionMetadata(keyId, version, metadata) {
      assertValidKeyId(keyId);
      assertKeyVersion(version);
      assertMetadata(metadata);
      await prepare();
      await withKeyLock(
        directory,
        keyId,
        async () => {
          assertRelabel(keyId, { versions: await versionsOf(directory, keyId) }, version);
          const text = await readVersionFile(directory, keyId, version);
          checkedHeader(text, keyId, version);
          // Renamed over the old file: a reader sees the old labels or the new, never a mix.
          await replaceFileAtomically(
            directory,
            versionFileName(keyId, version),
            relabelKeyFile(text, metadata ?? {}),
          );
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
          const versions = await versionsOf(directory, keyId);
          const pointed = await readPointer(directory, keyId).catch(() => undefined);
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
      return (await versionsOf(directory, keyId)).length > 0;
    },
  };
  return storage;
}
