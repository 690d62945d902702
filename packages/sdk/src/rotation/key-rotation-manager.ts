import { DERIVATION_CONTEXTS } from '../derivation/derivation-contexts.js';
import { deriveMultipleKeys } from '../derivation/derive-multiple-keys.js';
import { wipe } from '../encoding/bytes.js';
import { isDataFoldError, ValidationError } from '../errors/datafold-error.js';
import type { Ed25519KeyPair } from '../keys/types.js';
import { verify } from '../signatures/verify.js';
import type { KeyMetadata } from '../storage/key-storage.js';
import { assertKeyVersion, assertMetadata } from '../storage/version-checks.js';
import {
  isVersionedKeyStorage,
  type KeyVersionInfo,
  type VersionedKeyStorage,
} from '../storage/versioned-key-storage.js';
import { assertValidKeyId } from '../utils/key-id.js';
import { debugLog } from '../utils/debug-log.js';
import { adoptStoredKey } from './adopt-stored-key.js';
import {
  assertRotationPolicy,
  assertRotationReason,
  readRotationMetadata,
  writeRotationMetadata,
} from './rotation-metadata.js';
import { writeRotatedVersion } from './write-rotated-version.js';
import type {
  CreateVersionedKeyOptions,
  KeyRotationManagerOptions,
  KeyVersion,
  KeyVersionWithKeyPair,
  RotationDue,
  RotationMethod,
  RotationOptions,
  RotationPolicy,
  RotationRecord,
  RotationResult,
} from './types.js';

const DAY_MS = 86_400_000;
const METHODS: readonly RotationMethod[] = ['regenerate', 'derive', 'rederive'];

/**
 * Versioned key rotation over any {@link VersionedKeyStorage} (spec/key-rotation-v1.md): each
 * rotation writes the next version and only then swings the current pointer, so an interruption
 * leaves the old or the new version current; old versions keep verifying what they signed; every
 * rotation is recorded with its time, reason and method in the key's metadata.
 *
 * @example
 * const manager = new KeyRotationManager(storage, { defaultPolicy: { rotationIntervalDays: 90 } });
 * await manager.createVersionedKeyPair('app', keyPair, passphrase, { name: 'App' });
 * const { newVersion, keyPair: next } = await manager.rotateKey('app', passphrase, {
 *   reason: 'scheduled_rotation',
 * });
 */
export class KeyRotationManager {
  readonly storage: VersionedKeyStorage;
  readonly #defaultPolicy: RotationPolicy | undefined;
  readonly #now: () => Date;

  constructor(storage: VersionedKeyStorage, options: KeyRotationManagerOptions = {}) {
    if (!isVersionedKeyStorage(storage)) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        'storage must be a versioned key store (createStorage, createMemoryKeyStorage or createFileKeyStorage)',
      );
    }
    if (options.defaultPolicy !== undefined) assertRotationPolicy(options.defaultPolicy);
    this.storage = storage;
    this.#defaultPolicy = options.defaultPolicy;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Stores `keyPair` as version 1 of a rotating key, with its policy and the first history record.
   * A key already stored under `keyId` with exactly this pair (a `storeKeyPair` just before, as in
   * the Quick Start) is adopted instead: its current version becomes the rotating key's, as it is,
   * and the policy and history are added to its labels; calling this twice is therefore safe.
   * Another key under the id is KEY_ALREADY_EXISTS, unless `options.overwrite` replaces it.
   * Errors: those of the store (WEAK_PASSPHRASE, DECRYPTION_FAILED when adopting with a
   * passphrase that does not open the stored key, ...).
   */
  async createVersionedKeyPair(
    keyId: string,
    keyPair: Ed25519KeyPair,
    passphrase: string,
    metadata: KeyMetadata = {},
    options: CreateVersionedKeyOptions = {},
  ): Promise<KeyVersion> {
    assertValidKeyId(keyId);
    assertMetadata(metadata);
    if (options.policy !== undefined) assertRotationPolicy(options.policy);
    const adopt = () =>
      adoptStoredKey(this.storage, {
        keyId,
        keyPair,
        passphrase,
        metadata,
        policy: options.policy,
      });
    let version: number;
    if (options.overwrite !== true && (await this.storage.hasKey(keyId))) {
      version = await adopt();
    } else {
      // A replaced key's versions go, but their numbers stay taken: the new one is the next.
      const record: RotationRecord = {
        version: await this.storage.getNextVersion(keyId),
        fromVersion: null,
        at: this.#now().toISOString(),
        reason: 'created',
        method: 'initial',
      };
      try {
        await this.storage.storeKeyPair(
          keyId,
          keyPair,
          passphrase,
          writeRotationMetadata(metadata, options.policy, [record]),
          { overwrite: options.overwrite ?? false },
        );
        version = await this.storage.getCurrentVersion(keyId);
        if (version !== record.version) {
          // Another writer took the number meanwhile: the record names the version it is in.
          const labels = writeRotationMetadata(metadata, options.policy, [{ ...record, version }]);
          await this.storage.setVersionMetadata(keyId, version, labels);
        }
      } catch (error) {
        // Another writer stored the key since hasKey: adopt it if it is this pair.
        if (!isDataFoldError(error, 'KEY_ALREADY_EXISTS')) throw error;
        version = await adopt();
      }
    }
    return (await this.getVersionInfo(keyId, version)) as KeyVersion;
  }

  /** Rotates `keyId` to a new version (spec/key-rotation-v1.md §2-§4). */
  async rotateKey(
    keyId: string,
    passphrase: string,
    options: RotationOptions = {},
  ): Promise<RotationResult> {
    assertValidKeyId(keyId);
    if (typeof options !== 'object' || options === null) {
      throw new ValidationError('INVALID_ARGUMENT', 'options must be an object');
    }
    const method = options.method ?? 'regenerate';
    if (!METHODS.includes(method)) {
      throw new ValidationError('INVALID_ARGUMENT', `method must be one of ${METHODS.join(', ')}`);
    }
    if (options.masterKey !== undefined && method !== 'rederive') {
      throw new ValidationError('INVALID_ARGUMENT', "masterKey is used only by method 'rederive'");
    }
    const reason = options.reason ?? 'manual';
    assertRotationReason(reason);
    const contexts = derivedContextsOf(options.rotateDerivedKeys);

    const rotatedAt = this.#now().toISOString();
    const outcome = await writeRotatedVersion(this.storage, {
      keyId,
      passphrase,
      method,
      reason,
      rotatedAt,
      ...(contexts === undefined ? {} : { contexts }),
      ...(options.masterKey === undefined ? {} : { masterKey: options.masterKey }),
    });
    const { previousVersion, newVersion, keyPair, previousPublicKey, policy, record } = outcome;

    const removedVersions: number[] = [];
    const effective = policy ?? this.#defaultPolicy;
    const keep =
      options.keepOldVersion === false
        ? 1
        : effective?.autoCleanup === true && effective.maxVersions !== undefined
          ? effective.maxVersions
          : undefined;
    if (keep !== undefined) removedVersions.push(...(await this.#trim(keyId, keep)));

    debugLog('rotation.rotated', {
      keyId,
      previousVersion,
      newVersion,
      method,
      removedVersions,
    });
    const result: RotationResult = {
      keyId,
      previousVersion,
      newVersion,
      keyPair,
      publicKey: keyPair.publicKey,
      previousPublicKey,
      method,
      reason,
      rotatedAt,
      removedVersions,
      oldVersionPreserved: !removedVersions.includes(previousVersion),
      record,
    };
    if (contexts !== undefined) {
      result.derivedKeys = await deriveMultipleKeys(keyPair.privateKey, contexts);
      result.rotatedDerivedKeys = Object.keys(result.derivedKeys);
    }
    return result;
  }

  /** Every version, oldest first, without decrypting (the passphrase is not needed). */
  async listKeyVersions(keyId: string, _passphrase?: string): Promise<KeyVersion[]> {
    assertValidKeyId(keyId);
    const versions = await this.storage.listVersions(keyId);
    const history = historyOf(versions);
    return versions.map((info) => toKeyVersion(keyId, info, history));
  }

  /** One version with its key pair, or null when the version does not exist. */
  async getKeyVersion(
    keyId: string,
    version: number,
    passphrase: string,
  ): Promise<KeyVersionWithKeyPair | null> {
    const info = await this.getVersionInfo(keyId, version);
    if (info === null) return null;
    const keyPair = await this.storage.retrieveKeyVersion(keyId, version, passphrase);
    return { ...info, keyPair };
  }

  /** One version without its key pair, or null. */
  async getVersionInfo(keyId: string, version: number): Promise<KeyVersion | null> {
    assertValidKeyId(keyId);
    assertKeyVersion(version);
    const versions = await this.storage.listVersions(keyId);
    const info = versions.find((v) => v.version === version);
    return info === undefined ? null : toKeyVersion(keyId, info, historyOf(versions));
  }

  /** The rotation history kept in the current version (spec/key-rotation-v1.md §5). */
  async getRotationHistory(keyId: string): Promise<RotationRecord[]> {
    assertValidKeyId(keyId);
    return historyOf(await this.storage.listVersions(keyId));
  }

  /**
   * Deletes the oldest non-current versions until `keepCount` remain; returns how many went.
   * The passphrase is proven on the current version first (spec/key-rotation-v1.md §7).
   */
  async cleanupOldVersions(keyId: string, passphrase: string, keepCount: number): Promise<number> {
    assertValidKeyId(keyId);
    if (typeof keepCount !== 'number' || !Number.isSafeInteger(keepCount) || keepCount < 1) {
      throw new ValidationError('INVALID_ARGUMENT', 'keepCount must be an integer of at least 1');
    }
    const proof = await this.storage.retrieveKeyPair(keyId, passphrase);
    wipe(proof.privateKey);
    return (await this.#trim(keyId, keepCount)).length;
  }

  /** Whether the current version is older than the policy's interval (spec/key-rotation-v1.md §6). */
  async checkRotationDue(keyId: string, policy?: RotationPolicy): Promise<RotationDue> {
    assertValidKeyId(keyId);
    if (policy !== undefined) assertRotationPolicy(policy);
    const versions = await this.storage.listVersions(keyId);
    const current = versions.find((v) => v.current) ?? versions[versions.length - 1]!;
    const stored = readRotationMetadata(current.metadata);
    const effective = policy ?? stored.policy ?? this.#defaultPolicy ?? {};
    // The rotation record's time is the manager's clock; `created` is the store's (§6).
    const record = [...stored.history].reverse().find((r) => r.version === current.version);
    const sinceText = record?.at ?? current.created;
    const since = Date.parse(sinceText);
    const ageDays = Math.max(0, (this.#now().getTime() - since) / DAY_MS);
    const days = effective.rotationIntervalDays;
    return {
      keyId,
      due: days !== undefined && ageDays >= days,
      currentVersion: current.version,
      since: sinceText,
      ageDays,
      dueAt: days === undefined ? null : new Date(since + days * DAY_MS).toISOString(),
      policy: effective,
    };
  }

  /**
   * The version of `keyId` whose public key verifies `signature` over `message`, newest first, or
   * null: old versions keep verifying what they signed.
   */
  async findSigningVersion(
    keyId: string,
    message: string | Uint8Array,
    signature: Uint8Array,
  ): Promise<number | null> {
    assertValidKeyId(keyId);
    const versions = await this.storage.listVersions(keyId);
    for (const info of [...versions].reverse()) {
      if (await verify(signature, message, info.publicKey)) return info.version;
    }
    return null;
  }

  async #trim(keyId: string, keep: number): Promise<number[]> {
    const versions = await this.storage.listVersions(keyId);
    const others = versions.filter((v) => !v.current).map((v) => v.version);
    const excess = versions.length - keep;
    const removed: number[] = [];
    for (const version of others.slice(0, Math.max(0, excess))) {
      if (await this.storage.deleteKeyVersion(keyId, version)) removed.push(version);
    }
    return removed;
  }
}

function derivedContextsOf(option: RotationOptions['rotateDerivedKeys']): string[] | undefined {
  if (option === undefined || option === false) return undefined;
  if (option === true) return Object.keys(DERIVATION_CONTEXTS);
  if (!Array.isArray(option) || option.length === 0) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      'rotateDerivedKeys must be a boolean or a non-empty array of context names',
    );
  }
  return [...(option as readonly string[])];
}

function historyOf(versions: readonly KeyVersionInfo[]): RotationRecord[] {
  const current = versions.find((v) => v.current) ?? versions[versions.length - 1];
  return current === undefined ? [] : readRotationMetadata(current.metadata).history;
}

function toKeyVersion(
  keyId: string,
  info: KeyVersionInfo,
  history: readonly RotationRecord[],
): KeyVersion {
  const rotation = [...history].reverse().find((r) => r.version === info.version);
  return {
    keyId,
    version: info.version,
    publicKey: info.publicKey,
    created: info.created,
    current: info.current,
    metadata: info.metadata,
    ...(rotation === undefined ? {} : { rotation }),
  };
}
