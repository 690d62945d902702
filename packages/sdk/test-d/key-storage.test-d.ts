// KeyStorage is the contract every store keeps (memory, IndexedDB, key files); the versioned
// stores and the managed ones from createStorage are KeyStorage too, so code written against the
// interface takes any of them.
import {
  createMemoryKeyStorage,
  createNonExtractableKeyStore,
  createStorage,
  exportKey,
  importKey,
  isNonExtractableKeySupported,
  isVersionedKeyStorage,
  type Ed25519CryptoKeyPair,
  type Ed25519KeyPair,
  type IndexedDBKeyStorage,
  type KeyMetadata,
  type KeyStorage,
  type KeyVersionInfo,
  type ManagedKeyStorage,
  type MemoryKeyStorage,
  type NonExtractableKey,
  type NonExtractableKeyStore,
  type StoredKeyInfo,
  type StoreKeyPairOptions,
  type VersionedKeyStorage,
} from '@datafold/js-sdk';
import {
  createStorage as createNodeStorage,
  type FileKeyStorage,
  type ManagedFileKeyStorage,
} from '@datafold/js-sdk/node';
import { expectTypeOf } from 'vitest';

// The five operations, with their exact parameters and results.
expectTypeOf<KeyStorage['storeKeyPair']>().parameters.toEqualTypeOf<
  [
    keyId: string,
    keyPair: Ed25519KeyPair,
    passphrase: string,
    metadata?: KeyMetadata,
    options?: StoreKeyPairOptions,
  ]
>();
expectTypeOf<KeyStorage['storeKeyPair']>().returns.toEqualTypeOf<Promise<void>>();
expectTypeOf<KeyStorage['retrieveKeyPair']>().parameters.toEqualTypeOf<
  [keyId: string, passphrase: string]
>();
expectTypeOf<KeyStorage['retrieveKeyPair']>().returns.toEqualTypeOf<Promise<Ed25519KeyPair>>();
expectTypeOf<KeyStorage['listKeys']>().returns.toEqualTypeOf<Promise<StoredKeyInfo[]>>();
expectTypeOf<KeyStorage['deleteKey']>().returns.toEqualTypeOf<Promise<boolean>>();
expectTypeOf<KeyStorage['hasKey']>().returns.toEqualTypeOf<Promise<boolean>>();
expectTypeOf<StoreKeyPairOptions>().toEqualTypeOf<{ overwrite?: boolean }>();
expectTypeOf<StoredKeyInfo['publicKey']>().toEqualTypeOf<Uint8Array>();
expectTypeOf<StoredKeyInfo['metadata']>().toEqualTypeOf<KeyMetadata>();
expectTypeOf<Ed25519KeyPair>().toEqualTypeOf<{ privateKey: Uint8Array; publicKey: Uint8Array }>();

// Metadata is open: known labels are typed, anything else is unknown.
expectTypeOf<KeyMetadata['tags']>().toEqualTypeOf<string[] | undefined>();
expectTypeOf<KeyMetadata['anything']>().toEqualTypeOf<unknown>();

// Every store is a KeyStorage and a VersionedKeyStorage.
expectTypeOf<VersionedKeyStorage>().toExtend<KeyStorage>();
expectTypeOf<MemoryKeyStorage>().toExtend<VersionedKeyStorage>();
expectTypeOf<IndexedDBKeyStorage>().toExtend<VersionedKeyStorage>();
expectTypeOf<FileKeyStorage>().toExtend<VersionedKeyStorage>();
expectTypeOf<ManagedKeyStorage>().toExtend<VersionedKeyStorage>();
expectTypeOf<ManagedFileKeyStorage>().toExtend<ManagedKeyStorage>();
expectTypeOf<VersionedKeyStorage['listVersions']>().returns.toEqualTypeOf<
  Promise<KeyVersionInfo[]>
>();
expectTypeOf(createMemoryKeyStorage).returns.toEqualTypeOf<MemoryKeyStorage>();
expectTypeOf(createStorage).returns.toEqualTypeOf<Promise<ManagedKeyStorage>>();
expectTypeOf(createNodeStorage).returns.toEqualTypeOf<Promise<ManagedKeyStorage>>();
expectTypeOf<ManagedKeyStorage['kind']>().toEqualTypeOf<'indexeddb' | 'memory' | 'file'>();

// The guard narrows any KeyStorage, and the backup helpers take any KeyStorage.
declare const storage: KeyStorage;
if (isVersionedKeyStorage(storage)) expectTypeOf(storage).toExtend<VersionedKeyStorage>();
expectTypeOf(exportKey).parameter(0).toEqualTypeOf<KeyStorage>();
expectTypeOf(importKey).parameter(0).toEqualTypeOf<KeyStorage>();
// @ts-expect-error: a store must have all five operations
const partial: KeyStorage = { hasKey: () => Promise.resolve(true) };
void partial;

// The non-extractable store is not a KeyStorage (it holds no bytes to retrieve); its keys are
// CryptoKey pairs, which the signers and the server client take as they are.
expectTypeOf(createNonExtractableKeyStore).returns.toEqualTypeOf<Promise<NonExtractableKeyStore>>();
expectTypeOf(isNonExtractableKeySupported).returns.toEqualTypeOf<Promise<boolean>>();
expectTypeOf<NonExtractableKey>().toExtend<Ed25519CryptoKeyPair>();
expectTypeOf<NonExtractableKey['privateKey']>().toEqualTypeOf<CryptoKey>();
expectTypeOf<NonExtractableKeyStore>().not.toExtend<KeyStorage>();
