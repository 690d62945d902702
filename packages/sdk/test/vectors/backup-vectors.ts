// The backup v1 and key file v1 vector suites, runnable in Node and inside a browser page: no
// Node imports; the SDK functions and the parsed vector files come in as arguments, and every
// case is reported as a VectorResult rather than thrown, so the caller decides how to assert.
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js';
import type { BackupValidation } from '../../src/backup/validate-backup-format.js';
import type { RestoreBackupOptions, RestoredBackup } from '../../src/backup/types.js';
import type { DecodedKeyFile } from '../../src/key-file/decode-key-file.js';
import type { VectorResult } from './vector-result.js';

/** The functions the suites exercise. */
export interface BackupVectorSdk {
  restoreBackup(
    data: string | Uint8Array | Record<string, unknown>,
    passphrase: string,
    options?: RestoreBackupOptions,
  ): Promise<RestoredBackup>;
  validateBackupFormat(data: unknown): BackupValidation;
  decodeKeyFile(data: string | Uint8Array, passphrase: string): Promise<DecodedKeyFile>;
}

/** The parsed files: vectors/backup/backup-v1.json and vectors/key-file/key-file-v1.json. */
export interface BackupVectorFiles {
  backup?: unknown;
  keyFile?: unknown;
}

interface Expected {
  outcome: 'ok' | 'error';
  code?: string;
  field?: string;
  seed_hex?: string;
  public_key_hex?: string;
}

type Case = Record<string, unknown> & { name: string; passphrase: string; expected: Expected };

// Codes a reader can give without the passphrase: validateBackupFormat must flag exactly these.
const FORMAT_CODES = new Set([
  'INVALID_BACKUP_JSON',
  'UNSUPPORTED_BACKUP_VERSION',
  'UNSUPPORTED_ALGORITHM',
  'KDF_PARAMS_UNSAFE',
]);

function casesOf(file: unknown): Case[] {
  const cases = (file as { cases?: unknown } | undefined)?.cases;
  return Array.isArray(cases) ? (cases as Case[]) : [];
}

function backupInput(c: Case): string | Uint8Array | Record<string, unknown> {
  if (typeof c['backup_text'] === 'string') return c['backup_text'];
  if (typeof c['backup_binary_hex'] === 'string') return hexToBytes(c['backup_binary_hex']);
  return c['backup'] as Record<string, unknown>;
}

/** Compares one outcome with the case's expectation; a string says what differed. */
async function judge(
  expected: Expected,
  run: () => Promise<{ privateKey: Uint8Array; publicKey: Uint8Array }>,
): Promise<string | undefined> {
  let pair;
  try {
    pair = await run();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (expected.outcome === 'ok') return `expected success, got ${String(code)}: ${message}`;
    if (code !== expected.code) return `expected ${expected.code}, got ${String(code)}: ${message}`;
    if (expected.field !== undefined && !message.includes(expected.field)) {
      return `the ${String(code)} message does not name "${expected.field}": ${message}`;
    }
    return undefined;
  }
  if (expected.outcome === 'error') return `expected ${expected.code}, but it succeeded`;
  if (bytesToHex(pair.privateKey) !== expected.seed_hex) return 'wrong seed';
  if (bytesToHex(pair.publicKey) !== expected.public_key_hex) return 'wrong public key';
  return undefined;
}

/**
 * Runs every case of the backup and key-file vector files. Backup cases are also checked against
 * validateBackupFormat: it must reject exactly the cases whose error needs no passphrase.
 *
 * @example
 * const results = await runBackupVectors(sdk, { backup: backupJson, keyFile: keyFileJson });
 * expect(results.filter((r) => !r.ok)).toEqual([]);
 */
export async function runBackupVectors(
  sdk: BackupVectorSdk,
  vectors: BackupVectorFiles,
): Promise<VectorResult[]> {
  const results: VectorResult[] = [];
  for (const c of casesOf(vectors.backup)) {
    const input = backupInput(c);
    let detail = await judge(c.expected, async () => {
      const { keyPair } = await sdk.restoreBackup(input, c.passphrase, {
        verifyIntegrity: c['verify_integrity'] !== false,
      });
      return keyPair;
    });
    if (detail === undefined) {
      const formatError = c.expected.outcome === 'error' && FORMAT_CODES.has(c.expected.code ?? '');
      const { valid } = sdk.validateBackupFormat(input);
      if (valid === formatError) {
        detail = `validateBackupFormat says valid=${valid}, expected ${!formatError}`;
      }
    }
    results.push({ suite: 'backup-v1', name: c.name, ok: detail === undefined, ...(detail ? { detail } : {}) });
  }
  for (const c of casesOf(vectors.keyFile)) {
    const text =
      typeof c['key_file_text'] === 'string' ? c['key_file_text'] : JSON.stringify(c['key_file']);
    const detail = await judge(c.expected, async () => (await sdk.decodeKeyFile(text, c.passphrase)).keyPair);
    results.push({ suite: 'key-file-v1', name: c.name, ok: detail === undefined, ...(detail ? { detail } : {}) });
  }
  return results;
}
