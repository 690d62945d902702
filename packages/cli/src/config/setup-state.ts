/// <reference types="node" />
import { readdirSync } from 'node:fs';

import { isDataFoldError } from '@datafold/js-sdk';

import type { CliConfig } from './cli-config.js';
import { loadConfig, storageDirectory } from './config-file.js';

/**
 * How far `crypto init` got, told from what is on disk (without a passphrase):
 * - `none`: no configuration (init has not run, or an interrupted one left nothing);
 * - `incomplete`: a configuration but no master key (written by hand, or by an older CLI that
 *   wrote the configuration first and was interrupted);
 * - `invalid`: a configuration that cannot be read;
 * - `complete`: a configuration and its master key.
 * init writes the master key first and the configuration last, so a setup it makes is complete
 * or none (spec/cli-exit-codes.md).
 */
export type SetupState = 'none' | 'incomplete' | 'invalid' | 'complete';

/** What {@link inspectSetup} found. */
export interface SetupInspection {
  state: SetupState;
  config: CliConfig | undefined;
  /** The key directory the configuration (or the default) names. */
  directory: string;
  masterKeyId: string;
  /** Why the configuration cannot be read, for `invalid`. */
  problem?: string;
}

/** True when the key directory holds a version file of `keyId` (`K.vN.key`, spec/key-file-v1.md §7). */
export function hasStoredKey(directory: string, keyId: string): boolean {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return false;
  }
  const prefix = `${keyId}.v`;
  return names.some(
    (name) => name.startsWith(prefix) && /^[1-9][0-9]{0,8}\.key$/.test(name.slice(prefix.length)),
  );
}

/**
 * The state of the setup at `configPath`, read-only: nothing is created to find out.
 *
 * @example
 * const { state } = await inspectSetup(ctx.configPath, process.env);
 */
export async function inspectSetup(
  configPath: string,
  env: NodeJS.ProcessEnv,
): Promise<SetupInspection> {
  let config: CliConfig | undefined;
  try {
    config = await loadConfig(configPath);
  } catch (error) {
    if (!isDataFoldError(error, 'INVALID_CONFIG')) throw error;
    return {
      state: 'invalid',
      config: undefined,
      directory: storageDirectory(env, undefined),
      masterKeyId: 'master',
      problem: error.message,
    };
  }
  const directory = storageDirectory(env, config);
  const masterKeyId =
    typeof config?.crypto?.master_key_id === 'string' ? config.crypto.master_key_id : 'master';
  if (config === undefined) return { state: 'none', config, directory, masterKeyId };
  const state = hasStoredKey(directory, masterKeyId) ? 'complete' : 'incomplete';
  return { state, config, directory, masterKeyId };
}
