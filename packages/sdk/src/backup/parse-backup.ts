import { base64ToBytes } from '../encoding/base64.js';
import { isBytes } from '../encoding/bytes.js';
import { bytesToUtf8 } from '../encoding/utf8.js';
import { BackupError } from '../errors/datafold-error.js';
import type { ErrorCode } from '../errors/registry.js';
import { MAX_SALT_LENGTH, MIN_SALT_LENGTH, NONCE_LENGTHS } from '../sealing/constants.js';
import {
  BACKUP_CIPHERS,
  BACKUP_CIPHERTEXT_LENGTH,
  BACKUP_KDFS,
  BACKUP_VERSION,
  MAX_BACKUP_KEY_ID_LENGTH,
  MAX_BACKUP_SIZE,
} from './constants.js';
import type {
  BackupCipher,
  BackupFormat,
  BackupKdf,
  BackupKdfParams,
  ParsedBackup,
} from './types.js';

/** One thing wrong with a backup: the member, the error code a restore would throw, and why. */
export interface BackupIssue {
  field: string;
  code: ErrorCode;
  message: string;
}

/** What {@link inspectBackup} found: the parsed backup when there are no issues. */
export interface BackupInspection {
  backup?: ParsedBackup;
  issues: BackupIssue[];
}

const KDF_PARAM_NAMES: Readonly<Record<BackupKdf, readonly string[]>> = {
  argon2id: ['memory', 'iterations', 'parallelism'],
  scrypt: ['n', 'r', 'p'],
  pbkdf2: ['iterations'],
};

// Spellings of SHA-256 that existing writers use; spec/backup-v1.md §4 makes `SHA-256` canonical.
const SHA256_NAMES = new Set(['SHA-256', 'SHA256', 'sha256', 'sha-256']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isBytes(value);
}

/** Turns text, UTF-8 bytes or an already-parsed object into the JSON object of a backup. */
function toDocument(
  data: unknown,
  issues: BackupIssue[],
): { doc?: Record<string, unknown>; format: BackupFormat } {
  const bad = (message: string) =>
    issues.push({ field: '(document)', code: 'INVALID_BACKUP_JSON', message });
  let text: string;
  let format: BackupFormat = 'json';
  if (isBytes(data)) {
    format = 'binary';
    if (data.length > MAX_BACKUP_SIZE) {
      bad(`backup is ${data.length} bytes; a backup v1 document is at most ${MAX_BACKUP_SIZE}`);
      return { format };
    }
    try {
      text = bytesToUtf8(data);
    } catch {
      bad('binary backup is not valid UTF-8 (spec/backup-v1.md §7)');
      return { format };
    }
  } else if (typeof data === 'string') {
    text = data;
  } else if (isRecord(data)) {
    return { doc: data, format };
  } else {
    bad('backup must be a JSON string, UTF-8 bytes or a parsed object');
    return { format };
  }
  if (text.length > MAX_BACKUP_SIZE) {
    bad(`backup is ${text.length} characters; a backup v1 document is at most ${MAX_BACKUP_SIZE}`);
    return { format };
  }
  // A byte-order mark is tolerated: text editors add one (spec/backup-v1.md §7).
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    bad('backup is not valid JSON');
    return { format };
  }
  if (!isRecord(parsed)) {
    bad('backup must be a JSON object');
    return { format };
  }
  return { doc: parsed, format };
}

function decodeBase64(
  doc: Record<string, unknown>,
  field: string,
  issues: BackupIssue[],
): Uint8Array | undefined {
  const value = doc[field];
  if (typeof value !== 'string') {
    issues.push({
      field,
      code: 'INVALID_BACKUP_JSON',
      message:
        value === undefined
          ? `missing field "${field}"`
          : `field "${field}" must be a base64 string`,
    });
    return undefined;
  }
  try {
    return base64ToBytes(value, 'INVALID_BACKUP_JSON', field);
  } catch {
    issues.push({
      field,
      code: 'INVALID_BACKUP_JSON',
      message: `field "${field}" is not standard padded base64 (RFC 4648 §4)`,
    });
    return undefined;
  }
}

function readKdfParams(
  kdf: BackupKdf,
  raw: unknown,
  issues: BackupIssue[],
): BackupKdfParams | undefined {
  if (!isRecord(raw)) {
    issues.push({
      field: 'kdf_params',
      code: 'INVALID_BACKUP_JSON',
      message:
        raw === undefined ? 'missing field "kdf_params"' : 'field "kdf_params" must be an object',
    });
    return undefined;
  }
  const out: Record<string, number | string> = {};
  let ok = true;
  for (const name of KDF_PARAM_NAMES[kdf]) {
    const value = raw[name];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      ok = false;
      issues.push({
        field: `kdf_params.${name}`,
        code: 'INVALID_BACKUP_JSON',
        message:
          value === undefined
            ? `missing field "kdf_params.${name}" (${kdf} needs ${KDF_PARAM_NAMES[kdf].join(', ')})`
            : `field "kdf_params.${name}" must be a positive integer`,
      });
    } else out[name] = value;
  }
  if (kdf === 'pbkdf2') {
    // Existing DataFold clients omit `hash`; it then means SHA-256 (spec/backup-v1.md §4.4).
    const hash = raw['hash'] ?? 'SHA-256';
    if (typeof hash !== 'string' || !SHA256_NAMES.has(hash)) {
      ok = false;
      issues.push({
        field: 'kdf_params.hash',
        code: 'UNSUPPORTED_ALGORITHM',
        message:
          'field "kdf_params.hash" must be "SHA-256": backup v1 uses PBKDF2-HMAC-SHA-256 only',
      });
    } else out['hash'] = 'SHA-256';
  }
  return ok ? (out as unknown as BackupKdfParams) : undefined;
}

function readChoice<T extends string>(
  doc: Record<string, unknown>,
  field: string,
  allowed: readonly T[],
  issues: BackupIssue[],
): T | undefined {
  const value = doc[field];
  if (typeof value !== 'string') {
    issues.push({
      field,
      code: 'INVALID_BACKUP_JSON',
      message:
        value === undefined ? `missing field "${field}"` : `field "${field}" must be a string`,
    });
    return undefined;
  }
  if (!(allowed as readonly string[]).includes(value)) {
    issues.push({
      field,
      code: 'UNSUPPORTED_ALGORITHM',
      message: `field "${field}" must be one of ${allowed.join(', ')}`,
    });
    return undefined;
  }
  return value as T;
}

/**
 * Checks a backup against spec/backup-v1.md §3 without a passphrase and lists every issue, each
 * with the error code a restore would throw. KDF bounds are not checked here (see
 * checkSealingKdfParams). Unknown members are ignored, as §3.3 requires.
 *
 * @example
 * const { backup, issues } = inspectBackup(text); // issues: [] when the shape is right
 */
export function inspectBackup(data: unknown): BackupInspection {
  const issues: BackupIssue[] = [];
  const { doc, format } = toDocument(data, issues);
  if (doc === undefined) return { issues };

  // The version decides how everything else is read, so a foreign version stops here.
  const version = doc['version'];
  if (version === undefined) {
    issues.push({
      field: 'version',
      code: 'INVALID_BACKUP_JSON',
      message: 'missing field "version"',
    });
  } else if (typeof version !== 'number' || !Number.isSafeInteger(version)) {
    issues.push({
      field: 'version',
      code: 'INVALID_BACKUP_JSON',
      message: 'field "version" must be an integer',
    });
  } else if (version !== BACKUP_VERSION) {
    return {
      issues: [
        {
          field: 'version',
          code: 'UNSUPPORTED_BACKUP_VERSION',
          message: `backup format version ${version} is not supported; this SDK reads version ${BACKUP_VERSION}`,
        },
      ],
    };
  }

  const keyId = doc['key_id'];
  if (typeof keyId !== 'string' || keyId.length === 0 || keyId.length > MAX_BACKUP_KEY_ID_LENGTH) {
    issues.push({
      field: 'key_id',
      code: 'INVALID_BACKUP_JSON',
      message:
        keyId === undefined
          ? 'missing field "key_id"'
          : `field "key_id" must be a string of 1 to ${MAX_BACKUP_KEY_ID_LENGTH} characters`,
    });
  }
  const algorithm = readChoice(doc, 'algorithm', ['Ed25519'] as const, issues);
  const kdf = readChoice(doc, 'kdf', BACKUP_KDFS, issues);
  let kdfParams: BackupKdfParams | undefined;
  if (kdf !== undefined) kdfParams = readKdfParams(kdf, doc['kdf_params'], issues);
  else if (doc['kdf_params'] === undefined) {
    issues.push({
      field: 'kdf_params',
      code: 'INVALID_BACKUP_JSON',
      message: 'missing field "kdf_params"',
    });
  }
  const encryption = readChoice<BackupCipher>(doc, 'encryption', BACKUP_CIPHERS, issues);

  const salt = decodeBase64(doc, 'salt', issues);
  if (salt !== undefined && (salt.length < MIN_SALT_LENGTH || salt.length > MAX_SALT_LENGTH)) {
    issues.push({
      field: 'salt',
      code: 'INVALID_BACKUP_JSON',
      message: `field "salt" must decode to ${MIN_SALT_LENGTH}-${MAX_SALT_LENGTH} bytes (got ${salt.length})`,
    });
  }
  const nonce = decodeBase64(doc, 'nonce', issues);
  if (
    nonce !== undefined &&
    encryption !== undefined &&
    nonce.length !== NONCE_LENGTHS[encryption]
  ) {
    issues.push({
      field: 'nonce',
      code: 'INVALID_BACKUP_JSON',
      message: `field "nonce" must decode to ${NONCE_LENGTHS[encryption]} bytes for ${encryption} (got ${nonce.length})`,
    });
  }
  const ciphertext = decodeBase64(doc, 'ciphertext', issues);
  if (ciphertext !== undefined && ciphertext.length !== BACKUP_CIPHERTEXT_LENGTH) {
    issues.push({
      field: 'ciphertext',
      code: 'INVALID_BACKUP_JSON',
      message: `field "ciphertext" must decode to ${BACKUP_CIPHERTEXT_LENGTH} bytes: 64 of key, 16 of tag (got ${ciphertext.length})`,
    });
  }
  // `created` is informational and unauthenticated; existing writers use several ISO 8601
  // spellings, so any string is accepted (spec/backup-v1.md §3.1).
  const created = doc['created'];
  if (typeof created !== 'string' || created.length > 64) {
    issues.push({
      field: 'created',
      code: 'INVALID_BACKUP_JSON',
      message:
        created === undefined
          ? 'missing field "created"'
          : 'field "created" must be a string of at most 64 characters',
    });
  }
  let publicKey: Uint8Array | undefined;
  if (doc['public_key'] !== undefined) {
    publicKey = decodeBase64(doc, 'public_key', issues);
    if (publicKey !== undefined && publicKey.length !== 32) {
      issues.push({
        field: 'public_key',
        code: 'INVALID_BACKUP_JSON',
        message: 'field "public_key" must decode to 32 bytes',
      });
    }
  }
  const metadata = isRecord(doc['metadata']) ? doc['metadata'] : undefined;

  if (issues.length > 0) return { issues };
  const backup: ParsedBackup = {
    version: BACKUP_VERSION,
    keyId: keyId as string,
    algorithm: algorithm!,
    kdf: kdf!,
    kdfParams: kdfParams!,
    encryption: encryption!,
    salt: salt!,
    nonce: nonce!,
    ciphertext: ciphertext!,
    created: created as string,
    format,
  };
  if (publicKey !== undefined) backup.publicKey = publicKey;
  if (metadata !== undefined) backup.metadata = metadata;
  return { backup, issues };
}

/**
 * Parses a backup or throws the first issue as a BackupError: INVALID_BACKUP_JSON naming the
 * member, UNSUPPORTED_BACKUP_VERSION, or UNSUPPORTED_ALGORITHM.
 *
 * @example
 * const backup = parseBackup(fileText); // backup.salt is a Uint8Array
 */
export function parseBackup(data: unknown): ParsedBackup {
  const { backup, issues } = inspectBackup(data);
  const first = issues[0];
  if (first !== undefined || backup === undefined) {
    const issue = first ?? {
      field: '(document)',
      code: 'INVALID_BACKUP_JSON' as const,
      message: 'invalid backup',
    };
    throw new BackupError(issue.code, `Invalid backup: ${issue.message}`, {
      field: issue.field,
      issues: issues.map((i) => i.message),
    });
  }
  return backup;
}
