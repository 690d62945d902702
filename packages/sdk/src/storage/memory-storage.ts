import { assertStrongPassphrase } from '../sealing/passphrase-checks.js';
import type { Argon2idKdfParams } from '../sealing/kdf-params.js';
import { decodeKeyFile } from '../key-file/decode-key-file.js';
import { deriveKeyFileKey, sealKeyFile } from '../key-file/encode-key-file.js';
import { parseKeyFile } from '../key-file/parse-key-file.js';
import { relabelKeyFile } from '../key-file/relabel-key-file.js';
import type { Ed25519KeyPair } from '../keys/types.js';
import { assertValidKeyId } from '../utils/key-id.js';
import { debugLog } from '../utils/debug-log.js';
import type { KeyMetadata, StoredKeyInfo } from './key-storage.js';
import {
  assertExpectations,
  assertKeyVersion,
  assertMetadata,
  createKeyQueue,
  keyNotFound,
  settle,
} from './version-checks.js';
import type { KeyVersionInfo, VersionedKeyStorage } from './versioned-key-storage.js';
import {
  assertRelabel,
  nextVersion,
  planAddVersion,
  planDeleteVersion,
  planSetCurrent,
  type AddVersionRequest,
  type KeyVersionState,
} from './versioned-store-core.js';

/** Options of {@link createMemoryKeyStorage}. */
export interface MemoryKeyStorageOptions {
  /** Argon2id cost for each stored key; default m=65536 KiB t=3 p=1, floors apply. */
  kdfParams?: Partial<Argon2idKdfParams>;
}

/** The in-memory store: versioned, plus `clearAllKeys` and its kind. */
export interface MemoryKeyStorage extends VersionedKeyStorage {
  readonly kind: 'memory';
  /** Deletes every key; returns how many there were. */
  clearAllKeys(): Promise<number>;
}

interface Entry {
  current: number;
  /** The highest version ever assigned: deleted versions keep their numbers (key-file-v1 §2). */
  highest: number;
  /** version -> key file v1 text */
  versions: Map<number, string>;
  lastAccessed: string | null;
}

/**
 * A versioned KeyStorage that lives in memory: for tests, and for browsers without IndexedDB
 * (private modes). Every version is held as key file v1 text, encrypted under the passphrase, so
 * wrong passphrases, metadata and listing behave as in the persistent stores; nothing survives
 * the page or process. Writers of one key run one at a time, so concurrent rotations both keep
 * their versions.
 *
 * @example
 * const storage = createMemoryKeyStorage();
 * await storage.storeKeyPair('k', keyPair, 'correct horse battery staple');
 * const v2 = await storage.storeKeyVersion('k', rotated, 'correct horse battery staple');
 */
export function createMemoryKeyStorage(options: MemoryKeyStorageOptions = {}): MemoryKeyStorage {
  const keys = new Map<string, Entry>();
  const queue = createKeyQueue();

  function entryOf(keyId: string): Entry {
    const entry = keys.get(keyId);
    if (entry === undefined) throw keyNotFound(keyId);
    return entry;
  }

  function versionText(keyId: string, version: number): string {
    const text = entryOf(keyId).versions.get(version);
    if (text === undefined) throw keyNotFound(keyId, version);
    return text;
  }

  function stateOf(keyId: string): KeyVersionState {
    const entry = keys.get(keyId);
    if (entry === undefined) return { versions: [] };
    return { versions: [...entry.versions.keys()], pointer: entry.current, highest: entry.highest };
  }

  /** Derive first (slow, no ordering needed), then plan, seal and insert in the key's queue. */
  async function addVersion(
    keyId: string,
    keyPair: Ed25519KeyPair,
    passphrase: string,
    metadata: KeyMetadata | undefined,
    request: AddVersionRequest,
  ): Promise<number> {
    assertValidKeyId(keyId);
    assertStrongPassphrase(passphrase);
    assertMetadata(metadata);
    assertExpectations(request.expect ?? {});
    const kfk = await deriveKeyFileKey(passphrase, options.kdfParams);
    try {
      return await queue(keyId, async () => {
        const plan = planAddVersion(keyId, stateOf(keyId), request);
        const text = await sealKeyFile(kfk, {
          keyId,
          keyVersion: plan.version,
          keyPair,
          ...(metadata === undefined ? {} : { metadata }),
        });
        // From here on synchronous: the version and the pointer change in one turn (§3).
        const entry = keys.get(keyId) ?? {
          current: plan.current,
          highest: plan.highest,
          versions: new Map<number, string>(),
          lastAccessed: null,
        };
        entry.versions.set(plan.version, text);
        entry.current = plan.current;
        entry.highest = plan.highest;
        for (const old of plan.remove) entry.versions.delete(old);
        keys.set(keyId, entry);
        debugLog('storage.version-written', { store: 'memory', keyId, ...plan });
        return plan.version;
      });
    } finally {
      kfk.dispose();
    }
  }

  async function decode(keyId: string, version: number, passphrase: string) {
    debugLog('storage.read', { store: 'memory', keyId, version });
    const { keyPair } = await decodeKeyFile(versionText(keyId, version), passphrase);
    const entry = keys.get(keyId);
    if (entry !== undefined) entry.lastAccessed = new Date().toISOString();
    return keyPair;
  }

  function infoOf(keyId: string, entry: Entry): StoredKeyInfo {
    const header = parseKeyFile(versionText(keyId, entry.current));
    return {
      keyId,
      publicKey: header.publicKey,
      created: header.created,
      metadata: { ...header.metadata },
      version: entry.current,
      lastAccessed: entry.lastAccessed,
    };
  }

  return {
    kind: 'memory',

    async storeKeyPair(keyId, keyPair, passphrase, metadata?, storeOptions = {}) {
      await addVersion(keyId, keyPair, passphrase, metadata, {
        overwrite: storeOptions.overwrite ?? true,
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
      return decode(keyId, entryOf(keyId).current, passphrase);
    },

    async retrieveKeyVersion(keyId, version, passphrase) {
      assertValidKeyId(keyId);
      assertKeyVersion(version);
      return decode(keyId, version, passphrase);
    },

    listKeys() {
      return settle(() => [...keys.keys()].sort().map((keyId) => infoOf(keyId, keys.get(keyId)!)));
    },

    listVersions(keyId) {
      return settle(() => {
        assertValidKeyId(keyId);
        const entry = entryOf(keyId);
        return [...entry.versions.keys()]
          .sort((a, b) => a - b)
          .map((version): KeyVersionInfo => {
            const header = parseKeyFile(entry.versions.get(version)!);
            return {
              version,
              created: header.created,
              publicKey: header.publicKey,
              current: version === entry.current,
              metadata: { ...header.metadata },
            };
          });
      });
    },

    getCurrentVersion(keyId) {
      return settle(() => {
        assertValidKeyId(keyId);
        return entryOf(keyId).current;
      });
    },

    async setCurrentVersion(keyId, version) {
      assertValidKeyId(keyId);
      assertKeyVersion(version);
      await queue(keyId, () => {
        const plan = planSetCurrent(keyId, stateOf(keyId), version);
        const entry = entryOf(keyId);
        entry.current = plan.current;
        entry.highest = plan.highest;
        debugLog('storage.current-set', { store: 'memory', keyId, version });
      });
    },

    async deleteKeyVersion(keyId, version) {
      assertValidKeyId(keyId);
      assertKeyVersion(version);
      return queue(keyId, () => {
        const plan = planDeleteVersion(keyId, stateOf(keyId), version);
        if (plan === undefined) return false;
        const entry = entryOf(keyId);
        entry.highest = plan.highest;
        debugLog('storage.version-deleted', { store: 'memory', keyId, version });
        return entry.versions.delete(plan.version);
      });
    },

    getNextVersion(keyId) {
      return settle(() => {
        assertValidKeyId(keyId);
        return nextVersion(keyId, stateOf(keyId));
      });
    },

    async setVersionMetadata(keyId, version, metadata) {
      assertValidKeyId(keyId);
      assertMetadata(metadata);
      await queue(keyId, () => {
        assertRelabel(keyId, stateOf(keyId), version);
        const entry = entryOf(keyId);
        entry.versions.set(version, relabelKeyFile(entry.versions.get(version)!, metadata ?? {}));
      });
    },

    async deleteKey(keyId) {
      assertValidKeyId(keyId);
      return queue(keyId, () => keys.delete(keyId));
    },

    hasKey(keyId) {
      return settle(() => {
        assertValidKeyId(keyId);
        return keys.has(keyId);
      });
    },

    clearAllKeys() {
      return settle(() => {
        const count = keys.size;
        keys.clear();
        return count;
      });
    },
  };
}
