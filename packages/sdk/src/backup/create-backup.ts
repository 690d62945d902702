import { isBytes } from '../encoding/bytes.js';
import { utf8ToBytes } from '../encoding/utf8.js';
import { BackupError, ValidationError } from '../errors/datafold-error.js';
import { assertKeyPair } from '../keys/assert-key-pair.js';
import type { Ed25519KeyPair } from '../keys/types.js';
import { MAX_SALT_LENGTH, MIN_SALT_LENGTH, NONCE_LENGTHS } from '../sealing/constants.js';
import { formatCreated } from '../sealing/created-time.js';
import { assertStrongPassphrase } from '../sealing/passphrase-checks.js';
import { debugLog } from '../utils/debug-log.js';
import {
  BACKUP_CIPHERS,
  BACKUP_KDFS,
  DEFAULT_CIPHER,
  DEFAULT_KDF,
  DEFAULT_KDF_PARAMS,
  MAX_BACKUP_KEY_ID_LENGTH,
} from './constants.js';
import { sealBackup } from './seal-backup.js';
import type { BackupCipher, BackupKdf, BackupKdfParams, CreateBackupOptions } from './types.js';

function pickKdf(options: CreateBackupOptions): { kdf: BackupKdf; params: BackupKdfParams } {
  // The seed's `kdfIterations` alone meant PBKDF2 iterations (its JavaScript SDK used PBKDF2), so
  // it selects pbkdf2 when no kdf is named; with a kdf named it sets that KDF's iterations.
  const kdf = options.kdf ?? (options.kdfIterations !== undefined ? 'pbkdf2' : DEFAULT_KDF);
  if (!BACKUP_KDFS.includes(kdf)) {
    throw new BackupError('UNSUPPORTED_ALGORITHM', `kdf must be one of ${BACKUP_KDFS.join(', ')}`, {
      parameter: 'kdf',
    });
  }
  if (
    options.kdfParams !== undefined &&
    (typeof options.kdfParams !== 'object' || options.kdfParams === null)
  ) {
    throw new ValidationError('INVALID_ARGUMENT', 'kdfParams must be an object');
  }
  const params: Record<string, unknown> = { ...DEFAULT_KDF_PARAMS[kdf], ...options.kdfParams };
  if (options.kdfIterations !== undefined) {
    if (kdf === 'scrypt') {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        'kdfIterations applies to argon2id and pbkdf2; for scrypt set kdfParams { n, r, p }',
      );
    }
    params['iterations'] = options.kdfIterations;
  }
  return { kdf, params: params as unknown as BackupKdfParams };
}

function checkFixedBytes(
  value: unknown,
  what: string,
  min: number,
  max: number,
): Uint8Array | undefined {
  if (value === undefined) return undefined;
  if (!isBytes(value) || value.length < min || value.length > max) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      min === max ? `${what} must be ${min} bytes` : `${what} must be ${min}-${max} bytes`,
    );
  }
  return value;
}

/**
 * Encrypts a key pair into a backup v1 document (spec/backup-v1.md). Pure: no storage, no I/O.
 * Defaults: Argon2id m=65536 KiB t=3 p=1, XChaCha20-Poly1305, a random 32-byte salt. Returns the
 * JSON text, or its UTF-8 bytes with `format: 'binary'`.
 *
 * Errors: WEAK_PASSPHRASE, INVALID_PRIVATE_KEY / INVALID_PUBLIC_KEY, INTEGRITY_CHECK_FAILED when
 * the public key is not the seed's, UNSUPPORTED_ALGORITHM, KDF_PARAMS_UNSAFE below the floors,
 * INVALID_ARGUMENT for other bad options.
 *
 * @example
 * const text = await createBackup(keyPair, 'correct horse battery staple', { keyId: 'my-key' });
 * const bytes = await createBackup(keyPair, passphrase, { keyId: 'my-key', format: 'binary' });
 */
export async function createBackup(
  keyPair: Ed25519KeyPair,
  passphrase: string,
  options: CreateBackupOptions & { format?: 'json' },
): Promise<string>;
export async function createBackup(
  keyPair: Ed25519KeyPair,
  passphrase: string,
  options: CreateBackupOptions & { format: 'binary' },
): Promise<Uint8Array>;
export async function createBackup(
  keyPair: Ed25519KeyPair,
  passphrase: string,
  options: CreateBackupOptions,
): Promise<string | Uint8Array>;
export async function createBackup(
  keyPair: Ed25519KeyPair,
  passphrase: string,
  options: CreateBackupOptions,
): Promise<string | Uint8Array> {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      'options must be an object with at least { keyId }',
    );
  }
  const { keyId } = options;
  if (typeof keyId !== 'string' || keyId.length === 0 || keyId.length > MAX_BACKUP_KEY_ID_LENGTH) {
    throw new ValidationError(
      'INVALID_KEY_ID',
      `options.keyId must be a string of 1 to ${MAX_BACKUP_KEY_ID_LENGTH} characters`,
    );
  }
  const format = options.format ?? 'json';
  if (format !== 'json' && format !== 'binary') {
    throw new ValidationError('INVALID_ARGUMENT', "options.format must be 'json' or 'binary'");
  }
  assertStrongPassphrase(passphrase);
  await assertKeyPair(keyPair);
  const { kdf, params } = pickKdf(options);
  const encryption: BackupCipher = options.encryption ?? DEFAULT_CIPHER;
  if (!BACKUP_CIPHERS.includes(encryption)) {
    throw new BackupError(
      'UNSUPPORTED_ALGORITHM',
      `encryption must be one of ${BACKUP_CIPHERS.join(', ')}`,
      { parameter: 'encryption' },
    );
  }
  const metadata = options.metadata;
  if (
    metadata !== undefined &&
    (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
  ) {
    throw new ValidationError('INVALID_ARGUMENT', 'options.metadata must be a plain object');
  }
  const salt = checkFixedBytes(options.salt, 'options.salt', MIN_SALT_LENGTH, MAX_SALT_LENGTH);
  const nonceLength = NONCE_LENGTHS[encryption];
  const nonce = checkFixedBytes(options.nonce, 'options.nonce', nonceLength, nonceLength);

  const doc = await sealBackup({
    seed: keyPair.privateKey,
    publicKey: keyPair.publicKey,
    passphrase,
    keyId,
    kdf,
    kdfParams: params,
    encryption,
    purpose: 'create',
    ...(salt === undefined ? {} : { salt }),
    ...(nonce === undefined ? {} : { nonce }),
    created: formatCreated(options.created),
    includePublicKey: options.includePublicKey ?? true,
    ...(metadata === undefined ? {} : { metadata }),
  });
  debugLog('backup.created', { keyId, kdf, encryption, format });
  // spec/backup-v1.md §7: the json form is indented for people, binary is compact UTF-8.
  return format === 'json' ? JSON.stringify(doc, null, 2) : utf8ToBytes(JSON.stringify(doc));
}
