import { base64ToBytes, bytesToBase64 } from '../../encoding/base64.js';
import { constantTimeEqual, wipe } from '../../encoding/bytes.js';
import { utf8ToBytes } from '../../encoding/utf8.js';
import { BackupError, StorageError } from '../../errors/datafold-error.js';
import { assertKeyPair } from '../../keys/assert-key-pair.js';
import { getPublicKey } from '../../keys/get-public-key.js';
import type { Ed25519KeyPair } from '../../keys/types.js';
import { randomBytes } from '../../platform/webcrypto.js';
import { aeadDecrypt, aeadEncrypt } from '../../sealing/aead.js';
import { DEFAULT_SALT_LENGTH, NONCE_LENGTHS } from '../../sealing/constants.js';
import { deriveSealingKey } from '../../sealing/derive-sealing-key.js';
import { checkSealingKdfParams, type Pbkdf2KdfParams } from '../../sealing/kdf-params.js';
import type { KeyMetadata } from '../key-storage.js';

/** The record format (spec/indexeddb-storage-v1.md §3). */
export const IDB_RECORD_FORMAT = 'datafold-idb-key';
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256; the seed's floor of 100,000 still applies. */
export const IDB_DEFAULT_PBKDF2_ITERATIONS = 600_000;

/** One encrypted key version as kept in the `versions` object store. */
export interface IdbKeyRecord {
  format: typeof IDB_RECORD_FORMAT;
  version: 1;
  key_id: string;
  key_version: number;
  algorithm: 'Ed25519';
  public_key: string;
  created: string;
  kdf: 'pbkdf2';
  kdf_params: Pbkdf2KdfParams;
  encryption: 'aes-gcm';
  salt: string;
  nonce: string;
  ciphertext: string;
  metadata?: KeyMetadata;
}

/** A PBKDF2-derived AES key with its salt: derived before numbering, used to seal once. */
export interface IdbSealingKey {
  key: Uint8Array;
  salt: Uint8Array;
  params: Pbkdf2KdfParams;
}

/** The associated data of §5: the header members the ciphertext is bound to. */
function associatedData(
  r: Pick<IdbKeyRecord, 'key_id' | 'key_version' | 'created' | 'public_key'>,
) {
  return utf8ToBytes(
    `datafold-idb-key/v1\nkey_id=${r.key_id}\nkey_version=${r.key_version}\n` +
      `created=${r.created}\npublic_key=${r.public_key}\n`,
  );
}

/**
 * PBKDF2-HMAC-SHA-256 over the passphrase with a fresh 32-byte salt (§4); floors apply.
 *
 * @example
 * const sealing = await deriveRecordKey(passphrase); // then sealRecord(sealing, ...)
 */
export async function deriveRecordKey(
  passphrase: string,
  iterations: number = IDB_DEFAULT_PBKDF2_ITERATIONS,
): Promise<IdbSealingKey> {
  const params = checkSealingKdfParams(
    'pbkdf2',
    { iterations, hash: 'SHA-256' },
    'create',
  ) as Pbkdf2KdfParams;
  const salt = randomBytes(DEFAULT_SALT_LENGTH);
  const key = await deriveSealingKey('pbkdf2', params, passphrase, salt, 'create');
  return { key, salt, params };
}

/** Encrypts one version into a record (fast: the KDF ran in deriveRecordKey). */
export async function sealRecord(
  sealing: IdbSealingKey,
  keyId: string,
  keyVersion: number,
  keyPair: Ed25519KeyPair,
  metadata: KeyMetadata | undefined,
): Promise<IdbKeyRecord> {
  await assertKeyPair(keyPair);
  // Whole milliseconds in UTC, as Date writes them.
  const header = {
    key_id: keyId,
    key_version: keyVersion,
    created: new Date().toISOString(),
    public_key: bytesToBase64(keyPair.publicKey),
  };
  const nonce = randomBytes(NONCE_LENGTHS['aes-gcm']);
  const ciphertext = await aeadEncrypt(
    'aes-gcm',
    sealing.key,
    nonce,
    keyPair.privateKey,
    associatedData(header),
  );
  return {
    format: IDB_RECORD_FORMAT,
    version: 1,
    ...header,
    algorithm: 'Ed25519',
    kdf: 'pbkdf2',
    kdf_params: sealing.params,
    encryption: 'aes-gcm',
    salt: bytesToBase64(sealing.salt),
    nonce: bytesToBase64(nonce),
    ciphertext: bytesToBase64(ciphertext),
    ...(metadata === undefined ? {} : { metadata }),
  };
}

function corrupted(member: string, keyId: string): StorageError {
  return new StorageError(
    'STORAGE_CORRUPTED',
    `The stored record of key "${keyId}" is damaged (member "${member}"); restore the key from a backup`,
    { keyId, member },
  );
}

/** Checks a record's shape (§3) and returns its public key. STORAGE_CORRUPTED naming the member. */
export function checkRecord(
  record: unknown,
  keyId: string,
): IdbKeyRecord & { publicKey: Uint8Array } {
  const r = record as Partial<IdbKeyRecord> | null;
  if (typeof r !== 'object' || r === null || r.format !== IDB_RECORD_FORMAT)
    throw corrupted('format', keyId);
  if (r.version !== 1) throw corrupted('version', keyId);
  for (const m of ['key_id', 'public_key', 'created', 'salt', 'nonce', 'ciphertext'] as const) {
    if (typeof r[m] !== 'string') throw corrupted(m, keyId);
  }
  if (r.kdf !== 'pbkdf2' || r.encryption !== 'aes-gcm') throw corrupted('kdf', keyId);
  let publicKey: Uint8Array;
  try {
    publicKey = base64ToBytes(r.public_key!);
  } catch {
    throw corrupted('public_key', keyId);
  }
  if (publicKey.length !== 32) throw corrupted('public_key', keyId);
  return { ...(r as IdbKeyRecord), publicKey };
}

/**
 * Decrypts a record (§6): read ceilings on PBKDF2 first, then the key, then AES-GCM with the
 * header as associated data. Wrong passphrase and altered bytes are both DECRYPTION_FAILED; a
 * seed whose public key is not the record's is INTEGRITY_CHECK_FAILED.
 */
export async function openRecord(
  record: unknown,
  keyId: string,
  passphrase: string,
): Promise<Ed25519KeyPair> {
  const r = checkRecord(record, keyId);
  const params = checkSealingKdfParams('pbkdf2', r.kdf_params, 'read') as Pbkdf2KdfParams;
  let salt: Uint8Array;
  let nonce: Uint8Array;
  let sealed: Uint8Array;
  try {
    salt = base64ToBytes(r.salt);
    nonce = base64ToBytes(r.nonce);
    sealed = base64ToBytes(r.ciphertext);
  } catch {
    throw corrupted('ciphertext', keyId);
  }
  const key = await deriveSealingKey('pbkdf2', params, passphrase, salt, 'read');
  let seed: Uint8Array;
  try {
    seed = await aeadDecrypt('aes-gcm', key, nonce, sealed, associatedData(r));
  } finally {
    wipe(key);
  }
  if (seed.length !== 32 || !constantTimeEqual(await getPublicKey(seed), r.publicKey)) {
    wipe(seed);
    throw new BackupError(
      'INTEGRITY_CHECK_FAILED',
      `The public key stored with "${keyId}" does not match its private key`,
    );
  }
  return { privateKey: seed, publicKey: r.publicKey };
}
