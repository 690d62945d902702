import { base64ToBytes, bytesToBase64 } from '../../encoding/base64.js';
import { StorageError } from '../../errors/datafold-error.js';
import { isCryptoKey } from '../../keys/crypto-key.js';
import { PUBLIC_KEY_LENGTH } from '../../keys/types.js';
import type { KeyMetadata } from '../key-storage.js';

/** The record format (spec/indexeddb-storage-v1.md §7). */
export const CRYPTOKEY_RECORD_FORMAT = 'datafold-idb-cryptokey';

/**
 * One key as kept in the `cryptokeys` object store. `private_key` is the CryptoKey itself,
 * stored by structured clone: the browser keeps its bytes out of script's reach.
 */
export interface CryptoKeyRecord {
  format: typeof CRYPTOKEY_RECORD_FORMAT;
  version: 1;
  key_id: string;
  algorithm: 'Ed25519';
  /** Standard padded base64 of the 32-byte public key. */
  public_key: string;
  private_key: CryptoKey;
  /** RFC 3339 UTC with milliseconds. */
  created: string;
  metadata?: KeyMetadata;
}

/** A record read back and checked, with its public key decoded. */
export interface CheckedCryptoKeyRecord extends CryptoKeyRecord {
  publicKey: Uint8Array;
}

/**
 * The record of a freshly generated pair.
 *
 * @example
 * const record = cryptoKeyRecord('app', pair.privateKey, publicKey, { name: 'App' });
 */
export function cryptoKeyRecord(
  keyId: string,
  privateKey: CryptoKey,
  publicKey: Uint8Array,
  metadata: KeyMetadata | undefined,
): CryptoKeyRecord {
  return {
    format: CRYPTOKEY_RECORD_FORMAT,
    version: 1,
    key_id: keyId,
    algorithm: 'Ed25519',
    public_key: bytesToBase64(publicKey),
    private_key: privateKey,
    created: new Date().toISOString(),
    ...(metadata === undefined ? {} : { metadata }),
  };
}

function corrupted(member: string, keyId: string): StorageError {
  return new StorageError(
    'STORAGE_CORRUPTED',
    `The stored record of key "${keyId}" is damaged (member "${member}"); this key cannot be restored: generate a new one and register it`,
    { keyId, member },
  );
}

/**
 * Checks a record read from the database (§7): STORAGE_CORRUPTED naming the first bad member.
 * The private key must still be an Ed25519 private key that can sign and cannot be exported.
 *
 * @example
 * const { privateKey, publicKey } = checkCryptoKeyRecord(record, 'app');
 */
export function checkCryptoKeyRecord(record: unknown, keyId: string): CheckedCryptoKeyRecord {
  const r = record as Partial<CryptoKeyRecord> | null;
  if (typeof r !== 'object' || r === null || r.format !== CRYPTOKEY_RECORD_FORMAT)
    throw corrupted('format', keyId);
  if (r.version !== 1) throw corrupted('version', keyId);
  if (r.key_id !== keyId) throw corrupted('key_id', keyId);
  if (r.algorithm !== 'Ed25519') throw corrupted('algorithm', keyId);
  if (typeof r.created !== 'string') throw corrupted('created', keyId);
  const key = r.private_key;
  if (
    !isCryptoKey(key) ||
    key.type !== 'private' ||
    key.algorithm.name !== 'Ed25519' ||
    key.extractable ||
    !key.usages.includes('sign')
  ) {
    throw corrupted('private_key', keyId);
  }
  let publicKey: Uint8Array;
  try {
    publicKey = base64ToBytes(typeof r.public_key === 'string' ? r.public_key : '');
  } catch {
    throw corrupted('public_key', keyId);
  }
  if (publicKey.length !== PUBLIC_KEY_LENGTH) throw corrupted('public_key', keyId);
  return { ...(r as CryptoKeyRecord), publicKey };
}
