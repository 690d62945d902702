import { assertKdfParamsSafe, DataFoldError, validateKeyId } from '@datafold/js-sdk';

import { resolve } from 'node:path';

import { expandHome } from './config-file.js';
import { isSecurityLevel, SECURITY_LEVEL_PARAMS, SECURITY_LEVELS } from './security-levels.js';

/**
 * One finding of {@link validateConfig}: an error makes the config unusable; a warning does not,
 * but `--strict` fails on it; a note says how a setting is read and never fails.
 */
export interface ConfigIssue {
  path: string;
  severity: 'error' | 'warning' | 'note';
  message: string;
}

const CRYPTO_KEYS = [
  'master_key_method',
  'security_level',
  'key_derivation',
  'key_storage_path',
  'storage',
  'server',
  'master_key_id',
  'initialized_at',
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where the section checks put what they find. */
interface Findings {
  error(path: string, message: string): void;
  warning(path: string, message: string): void;
  note(path: string, message: string): void;
}

/**
 * Checks a configuration against the seed's CLI configuration types and the KDF bounds of
 * spec/derivation-v1.md §4. `validate-config --strict` treats warnings as errors.
 *
 * @example
 * const issues = validateConfig(config);
 * if (issues.some((i) => i.severity === 'error')) process.exitCode = 3;
 */
export function validateConfig(config: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const found: Findings = {
    error: (path, message) => issues.push({ path, severity: 'error', message }),
    warning: (path, message) => issues.push({ path, severity: 'warning', message }),
    note: (path, message) => issues.push({ path, severity: 'note', message }),
  };
  if (!isObject(config)) return [{ path: '', severity: 'error', message: 'must be a JSON object' }];
  const crypto = config.crypto;
  if (!isObject(crypto)) {
    found.error('crypto', 'the crypto section is missing; run datafold_cli crypto init');
    return issues;
  }
  for (const key of Object.keys(crypto)) {
    if (!CRYPTO_KEYS.includes(key)) found.warning(`crypto.${key}`, 'unknown setting (ignored)');
  }
  if (crypto.master_key_method !== 'random' && crypto.master_key_method !== 'passphrase') {
    found.error('crypto.master_key_method', 'must be "random" or "passphrase"');
  }
  if (!isSecurityLevel(crypto.security_level)) {
    found.error('crypto.security_level', `must be one of ${SECURITY_LEVELS.join(', ')}`);
  }
  // key_derivation, storage and server may be left out (the document's "Default Configuration"
  // does): the security level's cost, ~/.datafold/keys and the server defaults apply.
  checkKeyDerivation(crypto, found);
  checkStorage(crypto, found);
  checkServer(crypto, found);
  if (crypto.master_key_id !== undefined && !validateKeyId(crypto.master_key_id).valid) {
    found.error('crypto.master_key_id', 'must be a valid key id');
  }
  return issues;
}

/** `crypto.key_derivation`: Argon2id within the write bounds, and whether it is the level's. */
function checkKeyDerivation(crypto: Record<string, unknown>, found: Findings): void {
  const kd = crypto.key_derivation;
  if (kd === undefined) return;
  if (!isObject(kd)) {
    found.error(
      'crypto.key_derivation',
      'must be an object { algorithm, memory_cost, time_cost, parallelism }',
    );
    return;
  }
  if (kd.algorithm !== 'argon2' && kd.algorithm !== 'argon2id') {
    found.error(
      'crypto.key_derivation.algorithm',
      'key files are always Argon2id (spec/key-file-v1.md §4); set "argon2"',
    );
  }
  const params = { memory: kd.memory_cost, iterations: kd.time_cost, parallelism: kd.parallelism };
  try {
    assertKdfParamsSafe('argon2id', params, 'create');
  } catch (e) {
    found.error('crypto.key_derivation', e instanceof DataFoldError ? e.message : String(e));
    return;
  }
  if (!isSecurityLevel(crypto.security_level)) return;
  const level = SECURITY_LEVEL_PARAMS[crypto.security_level];
  if (
    level.memory !== params.memory ||
    level.iterations !== params.iterations ||
    level.parallelism !== params.parallelism
  ) {
    found.warning(
      'crypto.key_derivation',
      `differs from the ${crypto.security_level} level (m=${level.memory}, t=${level.iterations}, p=${level.parallelism}); the configured values are used`,
    );
  }
}

/** `crypto.storage` and the API document's `crypto.key_storage_path`, which must agree. */
function checkStorage(crypto: Record<string, unknown>, found: Findings): void {
  const storage = crypto.storage;
  const path = isObject(storage) ? storage.path : undefined;
  if (storage !== undefined && !isObject(storage)) {
    found.error('crypto.storage', 'must be an object { path, permissions, backup_enabled }');
  } else if (path !== undefined && (typeof path !== 'string' || path === '')) {
    found.error('crypto.storage.path', 'must be a directory path');
  } else if (
    isObject(storage) &&
    storage.permissions !== undefined &&
    storage.permissions !== '0600'
  ) {
    found.error('crypto.storage.permissions', 'key files are always 0600 (spec/key-file-v1.md §7)');
  }
  const alias = crypto.key_storage_path;
  if (alias === undefined) return;
  if (typeof alias !== 'string' || alias === '') {
    found.error('crypto.key_storage_path', 'must be a directory path');
  } else if (
    typeof path === 'string' &&
    path !== '' &&
    resolve(expandHome(path)) !== resolve(expandHome(alias))
  ) {
    found.error(
      'crypto.key_storage_path',
      `names another directory than crypto.storage.path (${path}); keep one, storage.path is preferred`,
    );
  } else {
    found.note(
      'crypto.key_storage_path',
      "the API document's name for crypto.storage.path; both are read, storage.path is preferred",
    );
  }
}

/** `crypto.server`: an http(s) URL (https off this machine), and sane timeout and retries. */
function checkServer(crypto: Record<string, unknown>, found: Findings): void {
  const server = crypto.server;
  if (server === undefined) return;
  if (!isObject(server)) {
    found.error(
      'crypto.server',
      'must be an object { default_url, timeout, verify_ssl, retry_attempts }',
    );
    return;
  }
  if (typeof server.default_url !== 'string' || !/^https?:\/\/[^\s]+$/.test(server.default_url)) {
    found.error('crypto.server.default_url', 'must be an http:// or https:// URL');
  } else if (
    server.default_url.startsWith('http://') &&
    !/^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:|\/|$)/.test(server.default_url)
  ) {
    found.warning('crypto.server.default_url', 'plain http to a remote host; use https');
  }
  if (!isWholeNumberIn(server.timeout, 100, 600000)) {
    found.error('crypto.server.timeout', 'must be milliseconds between 100 and 600000');
  }
  if (typeof server.verify_ssl !== 'boolean')
    found.error('crypto.server.verify_ssl', 'must be true or false');
  else if (!server.verify_ssl) found.warning('crypto.server.verify_ssl', 'TLS verification is off');
  if (!isWholeNumberIn(server.retry_attempts, 0, 10)) {
    found.error('crypto.server.retry_attempts', 'must be a whole number from 0 to 10');
  }
}

function isWholeNumberIn(value: unknown, min: number, max: number): boolean {
  return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;
}
