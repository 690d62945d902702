import type { Argon2idKdfParams } from '@datafold/js-sdk';

import type { CliConfig } from './cli-config.js';
import { invalidConfig } from './config-file.js';
import { isSecurityLevel, SECURITY_LEVEL_PARAMS } from './security-levels.js';

/**
 * The Argon2id cost for key files and backups this run writes: the configured key_derivation,
 * else the security level's (config/security-levels.ts), else balanced.
 *
 * @example
 * createFileKeyStorage({ directory, kdfParams: kdfParamsOf(config) });
 */
export function kdfParamsOf(config: CliConfig): Argon2idKdfParams {
  const kd = config.crypto?.key_derivation;
  if (kd !== undefined) {
    const params = {
      memory: kd.memory_cost,
      iterations: kd.time_cost,
      parallelism: kd.parallelism,
    };
    if (![params.memory, params.iterations, params.parallelism].every(Number.isSafeInteger)) {
      throw invalidConfig(
        'config',
        'crypto.key_derivation needs integer memory_cost, time_cost and parallelism; run datafold_cli crypto validate-config',
      );
    }
    return params;
  }
  const level = config.crypto?.security_level;
  return {
    ...(isSecurityLevel(level) ? SECURITY_LEVEL_PARAMS[level] : SECURITY_LEVEL_PARAMS.balanced),
  };
}
