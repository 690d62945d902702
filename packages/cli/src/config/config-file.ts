/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

import type { DataFoldError } from '@datafold/js-sdk';
import { StorageError } from '@datafold/js-sdk';

import { writePrivateFile } from '../io/files.js';
import type { CliConfig, MasterKeyMethod } from './cli-config.js';
import { SECURITY_LEVEL_PARAMS, type SecurityLevel } from './security-levels.js';

/** `~/.datafold/config.json`, or DATAFOLD_CONFIG_PATH. */
export function configPath(env: NodeJS.ProcessEnv, override?: string): string {
  return resolve(
    override ?? env.DATAFOLD_CONFIG_PATH ?? join(homedir(), '.datafold', 'config.json'),
  );
}

/** `~` at the start of a configured path is the home directory. */
export function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

/**
 * The configured key directory, under either name: `crypto.storage.path` (ours, preferred) or
 * the API document's `crypto.key_storage_path`; undefined when neither is set. validate-config
 * refuses a file that sets both to different directories.
 *
 * @example
 * configuredStorage({ crypto: { key_storage_path: '~/.datafold/keys' } }); // '~/.datafold/keys'
 */
export function configuredStorage(config: CliConfig | undefined): string | undefined {
  const crypto = config?.crypto as
    { storage?: { path?: unknown }; key_storage_path?: unknown } | undefined;
  for (const value of [crypto?.storage?.path, crypto?.key_storage_path]) {
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/**
 * The key directory: DATAFOLD_CRYPTO_STORAGE, else the configured one (`crypto.storage.path`,
 * or the document's `crypto.key_storage_path`), else `~/.datafold/keys` (spec/key-file-v1.md §7).
 */
export function storageDirectory(env: NodeJS.ProcessEnv, config: CliConfig | undefined): string {
  const fromEnv = env.DATAFOLD_CRYPTO_STORAGE;
  if (fromEnv !== undefined && fromEnv !== '') return resolve(expandHome(fromEnv));
  const configured = configuredStorage(config);
  if (configured !== undefined) return resolve(expandHome(configured));
  return join(homedir(), '.datafold', 'keys');
}

export function invalidConfig(path: string, problem: string): DataFoldError {
  return new StorageError('INVALID_CONFIG', `${path}: ${problem}`, { path });
}

/**
 * Reads the configuration; undefined when the file does not exist (crypto not initialised).
 * A file that is not a JSON object is INVALID_CONFIG (exit 3) naming it.
 *
 * @example
 * const config = await loadConfig(configPath(process.env));
 */
// eslint-disable-next-line @typescript-eslint/require-await -- synchronous fs, as in io/files.ts
export async function loadConfig(path: string): Promise<CliConfig | undefined> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new StorageError('PERMISSION_DENIED', `Cannot read ${path}: permission denied`, {
        path,
      });
    }
    throw invalidConfig(path, `cannot be read (${code ?? 'unknown error'})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalidConfig(
      path,
      `is not valid JSON (${(error as Error).message}); fix it or run crypto init --force`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidConfig(path, 'must hold a JSON object');
  }
  return parsed as CliConfig;
}

/** Writes the configuration atomically, mode 0600, creating `~/.datafold` (0700) if needed. */
export async function saveConfig(path: string, config: CliConfig): Promise<void> {
  await writePrivateFile(path, `${JSON.stringify(config, null, 2)}\n`, {
    overwrite: true,
    createParents: true,
  });
}

/**
 * The configuration `crypto init` writes.
 *
 * @example
 * const config = defaultConfig('balanced', 'random');
 */
export function defaultConfig(level: SecurityLevel, method: MasterKeyMethod): CliConfig {
  const params = SECURITY_LEVEL_PARAMS[level];
  return {
    crypto: {
      master_key_method: method,
      security_level: level,
      key_derivation: {
        algorithm: 'argon2',
        memory_cost: params.memory,
        time_cost: params.iterations,
        parallelism: params.parallelism,
      },
      storage: { path: '~/.datafold/keys', permissions: '0600', backup_enabled: true },
      server: {
        default_url: 'http://localhost:9001',
        timeout: 30000,
        verify_ssl: true,
        retry_attempts: 3,
      },
      master_key_id: 'master',
      initialized_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
  };
}
