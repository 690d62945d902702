import { base64ToBytes } from '../encoding/base64.js';
import { isBytes } from '../encoding/bytes.js';
import { bytesToUtf8 } from '../encoding/utf8.js';
import { StorageError } from '../errors/datafold-error.js';
import { MAX_SALT_LENGTH, MIN_SALT_LENGTH } from '../sealing/constants.js';
import { validateKeyId } from '../utils/key-id.js';
import {
  KEY_FILE_CIPHERTEXT_LENGTH,
  KEY_FILE_FORMAT,
  KEY_FILE_NONCE_LENGTH,
  KEY_FILE_VERSION,
  MAX_KEY_FILE_SIZE,
  MAX_KEY_VERSION,
  type KeyFileHeader,
} from './types.js';

/** RFC 3339 date-time in UTC, as writers produce it (spec/key-file-v1.md §4). */
export const KEY_FILE_CREATED_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

function corrupted(message: string, field: string): StorageError {
  return new StorageError('STORAGE_CORRUPTED', `Not a valid DataFold key file: ${message}`, {
    field,
  });
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function bytesField(
  doc: Record<string, unknown>,
  field: string,
  min: number,
  max: number,
): Uint8Array {
  const value = doc[field];
  if (typeof value !== 'string') throw corrupted(`missing or non-string "${field}"`, field);
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(value, 'STORAGE_CORRUPTED', field);
  } catch {
    throw corrupted(`"${field}" is not standard padded base64`, field);
  }
  if (bytes.length < min || bytes.length > max) {
    throw corrupted(
      `"${field}" must decode to ${min === max ? min : `${min}-${max}`} bytes (got ${bytes.length})`,
      field,
    );
  }
  return bytes;
}

function positiveInteger(doc: Record<string, unknown>, field: string, max: number): number {
  const value = doc[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > max) {
    throw corrupted(`"${field}" must be an integer from 1 to ${max}`, field);
  }
  return value;
}

/**
 * Reads a key file's header without the passphrase (spec/key-file-v1.md §3-§4): enough to list
 * keys, show public keys and check bounds before any KDF work. Throws STORAGE_CORRUPTED naming
 * the member for anything malformed, including a version other than 1.
 *
 * @example
 * const header = parseKeyFile(text); // header.keyVersion, header.publicKey, ...
 */
export function parseKeyFile(data: string | Uint8Array): KeyFileHeader {
  let text: string;
  if (isBytes(data)) {
    if (data.length > MAX_KEY_FILE_SIZE) throw corrupted('file is too large', '(document)');
    try {
      text = bytesToUtf8(data);
    } catch {
      throw corrupted('file is not UTF-8 text', '(document)');
    }
  } else if (typeof data === 'string') {
    if (data.length > MAX_KEY_FILE_SIZE) throw corrupted('file is too large', '(document)');
    text = data;
  } else {
    throw corrupted('expected the file text or bytes', '(document)');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw corrupted('not JSON', '(document)');
  }
  const doc = record(parsed);
  if (doc === undefined || doc['format'] !== KEY_FILE_FORMAT) {
    throw corrupted(`"format" is not "${KEY_FILE_FORMAT}"`, 'format');
  }
  if (doc['version'] !== KEY_FILE_VERSION) {
    throw new StorageError(
      'STORAGE_CORRUPTED',
      `Unsupported key file version ${JSON.stringify(doc['version'])}: this SDK reads version ${KEY_FILE_VERSION}; upgrade it`,
      { field: 'version' },
    );
  }
  const keyId = doc['key_id'];
  const idCheck = validateKeyId(keyId);
  if (!idCheck.valid) throw corrupted(`"key_id" is invalid: ${idCheck.reason}`, 'key_id');
  const keyVersion = positiveInteger(doc, 'key_version', MAX_KEY_VERSION);
  if (doc['algorithm'] !== 'Ed25519') throw corrupted('"algorithm" must be "Ed25519"', 'algorithm');
  const publicKey = bytesField(doc, 'public_key', 32, 32);
  const created = doc['created'];
  if (typeof created !== 'string' || !KEY_FILE_CREATED_PATTERN.test(created)) {
    throw corrupted('"created" must be an RFC 3339 UTC time ending in Z', 'created');
  }
  if (doc['kdf'] !== 'argon2id') throw corrupted('"kdf" must be "argon2id"', 'kdf');
  const params = record(doc['kdf_params']);
  if (params === undefined) throw corrupted('"kdf_params" must be an object', 'kdf_params');
  const kdfParams = {
    memory: positiveInteger(params, 'memory', 2 ** 32 - 1),
    iterations: positiveInteger(params, 'iterations', 2 ** 32 - 1),
    parallelism: positiveInteger(params, 'parallelism', 2 ** 24 - 1),
  };
  if (doc['encryption'] !== 'aes-gcm')
    throw corrupted('"encryption" must be "aes-gcm"', 'encryption');
  const header: KeyFileHeader = {
    keyId: keyId as string,
    keyVersion,
    created,
    publicKey,
    kdf: 'argon2id',
    kdfParams,
    encryption: 'aes-gcm',
    salt: bytesField(doc, 'salt', MIN_SALT_LENGTH, MAX_SALT_LENGTH),
    nonce: bytesField(doc, 'nonce', KEY_FILE_NONCE_LENGTH, KEY_FILE_NONCE_LENGTH),
    ciphertext: bytesField(
      doc,
      'ciphertext',
      KEY_FILE_CIPHERTEXT_LENGTH,
      KEY_FILE_CIPHERTEXT_LENGTH,
    ),
  };
  const metadata = record(doc['metadata']);
  if (metadata !== undefined) header.metadata = metadata;
  return header;
}
