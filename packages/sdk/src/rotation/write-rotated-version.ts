import { wipe } from '../encoding/bytes.js';
import { generateKeyPair } from '../keys/generate-key-pair.js';
import type { Ed25519KeyPair } from '../keys/types.js';
import { isVersionConflict } from '../storage/version-checks.js';
import type { VersionedKeyStorage } from '../storage/versioned-key-storage.js';
import { debugLog } from '../utils/debug-log.js';
import { readRotationMetadata, writeRotationMetadata } from './rotation-metadata.js';
import { deriveRotationKeyPair } from './rotation-seed.js';
import type { RotationMethod, RotationPolicy, RotationRecord } from './types.js';

/** Conditional writes a rotation tries before giving up: each lost one means another succeeded. */
export const MAX_ROTATION_ATTEMPTS = 10;

/** What {@link writeRotatedVersion} needs: arguments already checked by the manager. */
export interface RotatedVersionInput {
  keyId: string;
  passphrase: string;
  method: RotationMethod;
  reason: string;
  rotatedAt: string;
  contexts?: readonly string[];
  masterKey?: Uint8Array;
}

/** The version a rotation wrote, and what it was made from. */
export interface RotatedVersion {
  previousVersion: number;
  newVersion: number;
  /** The new key pair (secret: the caller wipes it). */
  keyPair: Ed25519KeyPair;
  previousPublicKey: Uint8Array;
  policy: RotationPolicy | undefined;
  record: RotationRecord;
}

/**
 * Steps 1-3 of a rotation (spec/key-rotation-v1.md §2), with optimistic concurrency: read the
 * current version, decrypt it (a wrong passphrase fails here, before anything is written), make
 * the new key pair for the number it will take, and store it on condition that neither that
 * number nor the current version moved meanwhile; on a conflict, start again. The store's lock
 * is thus never held across Argon2id, and the version bound into a derived seed (§4) is always
 * the version stored, made from the version that was current when it was stored.
 *
 * Errors: those of the store (KEY_NOT_FOUND, DECRYPTION_FAILED, ...), and STORAGE_LOCKED when
 * other writers won {@link MAX_ROTATION_ATTEMPTS} conflicts in a row.
 *
 * @example
 * const done = await writeRotatedVersion(storage, { keyId: 'app', passphrase, method: 'derive',
 *   reason: 'manual', rotatedAt: new Date().toISOString() });
 */
export async function writeRotatedVersion(
  storage: VersionedKeyStorage,
  input: RotatedVersionInput,
): Promise<RotatedVersion> {
  const { keyId, passphrase, method, contexts } = input;
  let previous: Ed25519KeyPair | undefined;
  let previousOf: number | undefined;
  let fresh: Ed25519KeyPair | undefined;
  try {
    for (let attempt = 1; ; attempt++) {
      const previousVersion = await storage.getCurrentVersion(keyId);
      // The passphrase is proven once; 'derive' also needs the seed of whatever is current now.
      if (previous === undefined || (method === 'derive' && previousOf !== previousVersion)) {
        if (previous !== undefined) wipe(previous.privateKey);
        previous = await storage.retrieveKeyVersion(keyId, previousVersion, passphrase);
        previousOf = previousVersion;
      }
      const versions = await storage.listVersions(keyId);
      const current = versions.find((v) => v.version === previousVersion);
      // The store's own next number: one past the highest ever assigned, so a deleted top
      // version's number is skipped here exactly as the store will skip it (§4).
      const target = await storage.getNextVersion(keyId);
      const { policy, history } = readRotationMetadata(current?.metadata ?? {});
      if (method !== 'regenerate' && fresh !== undefined) wipe(fresh.privateKey);
      fresh =
        method === 'regenerate'
          ? (fresh ?? (await generateKeyPair()))
          : await deriveRotationKeyPair(
              method === 'derive'
                ? { method, keyId, version: target, seed: previous.privateKey }
                : { method, keyId, version: target, masterKey: input.masterKey as Uint8Array },
            );
      const record: RotationRecord = {
        version: target,
        fromVersion: previousVersion,
        ...(method === 'regenerate' ? {} : { derivationVersion: target }),
        at: input.rotatedAt,
        reason: input.reason,
        method,
        ...(contexts === undefined ? {} : { derivedContexts: [...contexts] }),
      };
      const { rotation: _old, ...labels } = current?.metadata ?? {};
      void _old;
      debugLog('rotation.attempt', {
        keyId,
        attempt,
        method,
        fromVersion: previousVersion,
        target,
      });
      try {
        // The store writes the version, then swings the pointer (§3).
        const newVersion = await storage.storeKeyVersion(keyId, fresh, passphrase, {
          metadata: writeRotationMetadata(labels, policy, [...history, record]),
          makeCurrent: true,
          expectedVersion: target,
          expectedCurrentVersion: previousVersion,
        });
        return {
          previousVersion,
          newVersion,
          keyPair: fresh,
          previousPublicKey: current?.publicKey ?? previous.publicKey,
          policy,
          record,
        };
      } catch (error) {
        if (!isVersionConflict(error) || attempt >= MAX_ROTATION_ATTEMPTS) throw error;
        debugLog('rotation.conflict', { keyId, attempt });
      }
    }
  } catch (error) {
    if (fresh !== undefined) wipe(fresh.privateKey);
    throw error;
  } finally {
    if (previous !== undefined) wipe(previous.privateKey);
  }
}
