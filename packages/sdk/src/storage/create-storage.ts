import type { Argon2idKdfParams } from '../sealing/kdf-params.js';
import { isDataFoldError, StorageError, ValidationError } from '../errors/datafold-error.js';
import { debugLog } from '../utils/debug-log.js';
import {
  createIndexedDBKeyStorage,
  type IndexedDBKeyStorage,
} from './indexeddb/indexeddb-key-storage.js';
import { createMemoryKeyStorage, type MemoryKeyStorage } from './memory-storage.js';
import type { VersionedKeyStorage } from './versioned-key-storage.js';

/** Which store {@link createStorage} makes. */
export type StorageType = 'auto' | 'indexeddb' | 'memory';

/** Options of {@link createStorage}. */
export interface StorageOptions {
  /** 'auto' (default) and 'indexeddb': IndexedDB; 'memory': keys for this page or process only. */
  type?: StorageType;
  /** IndexedDB database name (default `datafold-keys`). */
  dbName?: string;
  /** Where IndexedDB is missing or refused, return the memory store instead of failing. */
  fallbackToMemory?: boolean;
  /** IndexedDB: PBKDF2-HMAC-SHA-256 iterations (default 600,000; at least 100,000). */
  pbkdf2Iterations?: number;
  /** Memory store: Argon2id cost of its key-file records. */
  kdfParams?: Partial<Argon2idKdfParams>;
  /** Log which store was chosen, and why, through the SDK's debug log (see enableDebugLogging). */
  debug?: boolean;
  /** The IndexedDB factory (default globalThis.indexedDB). */
  indexedDB?: IDBFactory;
}

/** What every store of createStorage offers: versions, clean-up, and which kind it is. */
export interface ManagedKeyStorage extends VersionedKeyStorage {
  readonly kind: 'indexeddb' | 'memory' | 'file';
  /** Deletes every key; returns how many there were. Irreversible. */
  clearAllKeys(): Promise<number>;
}

/** The answer of {@link isStorageSupported}. */
export interface StorageSupport {
  supported: boolean;
  /** Why not, in words (empty when supported). */
  reasons: string[];
  /** The store createStorage would pick here. */
  recommended: 'indexeddb' | 'memory';
}

/**
 * Whether persistent browser key storage can work here, and if not why: no IndexedDB (old
 * browsers, some private modes, workers without it), no WebCrypto, or a page that is not a secure
 * context. Synchronous and side-effect free; a browser that has IndexedDB but refuses to open it
 * is only detected by createStorage (INDEXEDDB_NOT_SUPPORTED).
 *
 * @example
 * const { supported, reasons } = isStorageSupported();
 * if (!supported) console.warn('Storage not supported:', reasons);
 */
export function isStorageSupported(): StorageSupport {
  const g = globalThis as { indexedDB?: unknown; isSecureContext?: boolean; crypto?: Crypto };
  const reasons: string[] = [];
  if (typeof g.indexedDB !== 'object' || g.indexedDB === null)
    reasons.push('IndexedDB not available');
  if (typeof g.crypto?.subtle?.deriveBits !== 'function')
    reasons.push('WebCrypto (crypto.subtle) not available');
  if (g.isSecureContext === false)
    reasons.push('not a secure context: serve the page over HTTPS or from localhost');
  return {
    supported: reasons.length === 0,
    reasons,
    recommended: reasons.length === 0 ? 'indexeddb' : 'memory',
  };
}

/**
 * The key store for this platform (spec/indexeddb-storage-v1.md): IndexedDB in browsers, the
 * in-memory store on request. In Node, import `createStorage` from `@datafold/js-sdk/node`
 * instead, which adds the key-file store shared with the CLI; this core entry never imports
 * Node modules.
 *
 * Errors: INDEXEDDB_NOT_SUPPORTED unless fallbackToMemory — where there is no IndexedDB at all
 * (Node) it names `@datafold/js-sdk/node` (details.alternative), where the browser refuses it the
 * memory store ('memory') — STORAGE_QUOTA_EXCEEDED, INVALID_ARGUMENT for unknown options.
 *
 * @example
 * const storage = await createStorage();
 * await storage.storeKeyPair('my-key', keyPair, 'secure-passphrase', { name: 'My Application Key' });
 */
export async function createStorage(options: StorageOptions = {}): Promise<ManagedKeyStorage> {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('INVALID_ARGUMENT', 'options must be an object');
  }
  const type = options.type ?? 'auto';
  if (type === ('file' as StorageType)) {
    throw new StorageError(
      'UNSUPPORTED_PLATFORM',
      "The key-file store runs in Node only: import { createStorage } from '@datafold/js-sdk/node'",
    );
  }
  if (!['auto', 'indexeddb', 'memory'].includes(type)) {
    throw new ValidationError('INVALID_ARGUMENT', "type must be 'auto', 'indexeddb' or 'memory'");
  }
  const memory = (): MemoryKeyStorage =>
    createMemoryKeyStorage(options.kdfParams === undefined ? {} : { kdfParams: options.kdfParams });
  if (type === 'memory') return memory();
  try {
    const storage: IndexedDBKeyStorage = await createIndexedDBKeyStorage({
      ...(options.dbName === undefined ? {} : { dbName: options.dbName }),
      ...(options.pbkdf2Iterations === undefined
        ? {}
        : { pbkdf2Iterations: options.pbkdf2Iterations }),
      ...(options.indexedDB === undefined ? {} : { indexedDB: options.indexedDB }),
    });
    if (options.debug === true)
      debugLog('storage.created', { kind: 'indexeddb', dbName: storage.dbName });
    return storage;
  } catch (error) {
    if (options.fallbackToMemory === true && isDataFoldError(error, 'INDEXEDDB_NOT_SUPPORTED')) {
      if (options.debug === true)
        debugLog('storage.created', { kind: 'memory', reason: error.message });
      return memory();
    }
    throw error;
  }
}
