import { constantTimeEqual, wipe } from '../encoding/bytes.js';
import { StorageError } from '../errors/datafold-error.js';
import type { Ed25519KeyPair } from '../keys/types.js';
import type { KeyMetadata } from '../storage/key-storage.js';
import type { VersionedKeyStorage } from '../storage/versioned-key-storage.js';
import { debugLog } from '../utils/debug-log.js';
import { readRotationMetadata, writeRotationMetadata } from './rotation-metadata.js';
import type { RotationPolicy, RotationRecord } from './types.js';

/** What {@link adoptStoredKey} needs. */
export interface AdoptInput {
  keyId: string;
  keyPair: Ed25519KeyPair;
  passphrase: string;
  /** Labels to add to the stored ones. */
  metadata: KeyMetadata;
  /** A policy to record; the stored one is kept when absent. */
  policy: RotationPolicy | undefined;
}

/**
 * KEY_ALREADY_EXISTS for starting rotation on an id that holds another key, saying how to replace
 * it.
 */
export function anotherKeyStored(keyId: string): StorageError {
  return new StorageError(
    'KEY_ALREADY_EXISTS',
    `Another key is stored under "${keyId}"; to replace it (its versions are deleted) call createVersionedKeyPair("${keyId}", keyPair, passphrase, metadata, { overwrite: true }), or choose another id`,
    { keyId },
  );
}

/**
 * Starts rotation for a key that is already stored with exactly `keyPair`: the current version
 * becomes the rotating key's starting version, as it is (no new version is written). The stored
 * public key is compared first, then the passphrase must open the stored seed and the seed must
 * be `keyPair`'s, so a key is adopted only by someone who holds it and can use it. The policy
 * and a first history record (reason `adopted`, at the version's `created`, so a rotation falls
 * due counting from when the key was made) are written into the version's labels
 * (spec/key-rotation-v1.md §5); a key already rotating keeps its history. Returns the version.
 *
 * Errors: KEY_ALREADY_EXISTS for another key under the id, DECRYPTION_FAILED for a passphrase
 * that does not open it, and those of the store.
 *
 * @example
 * const version = await adoptStoredKey(storage, { keyId: 'my-key', keyPair, passphrase,
 *   metadata: {}, policy: undefined }); // 1 after storeKeyPair('my-key', keyPair, passphrase)
 */
export async function adoptStoredKey(
  storage: VersionedKeyStorage,
  input: AdoptInput,
): Promise<number> {
  const { keyId, keyPair } = input;
  const versions = await storage.listVersions(keyId);
  const current = versions.find((v) => v.current);
  if (current === undefined || !constantTimeEqual(current.publicKey, keyPair.publicKey)) {
    throw anotherKeyStored(keyId);
  }
  const stored = await storage.retrieveKeyVersion(keyId, current.version, input.passphrase);
  try {
    if (!constantTimeEqual(stored.privateKey, keyPair.privateKey)) throw anotherKeyStored(keyId);
  } finally {
    wipe(stored.privateKey);
  }
  const { rotation: _rotation, ...labels } = current.metadata;
  void _rotation;
  const existing = readRotationMetadata(current.metadata);
  const history: RotationRecord[] = existing.history.some((r) => r.version === current.version)
    ? existing.history
    : [
        ...existing.history,
        {
          version: current.version,
          fromVersion: null,
          at: current.created,
          reason: 'adopted',
          method: 'initial',
        },
      ];
  const next = writeRotationMetadata(
    { ...labels, ...input.metadata },
    input.policy ?? existing.policy,
    history,
  );
  if (JSON.stringify(next) !== JSON.stringify(current.metadata)) {
    await storage.setVersionMetadata(keyId, current.version, next);
  }
  debugLog('rotation.adopted', { keyId, version: current.version });
  return current.version;
}
