import type { CommandDefinition } from './command.js';

type Loader = () => Promise<{ command: CommandDefinition }>;

// Literal dynamic imports, so bundlers see every command. The entry point does not use this
// table (it loads `commands/<name>.js` by path); batch and the tests do.
/**
 * How to load each command, by name.
 *
 * @example
 * const { command } = await COMMAND_LOADERS['list-keys']!();
 */
export const COMMAND_LOADERS: Readonly<Record<string, Loader>> = {
  init: () => import('../commands/init.js'),
  status: () => import('../commands/status.js'),
  config: () => import('../commands/config.js'),
  'validate-config': () => import('../commands/validate-config.js'),
  'generate-key': () => import('../commands/generate-key.js'),
  'list-keys': () => import('../commands/list-keys.js'),
  'show-key': () => import('../commands/show-key.js'),
  'delete-key': () => import('../commands/delete-key.js'),
  'store-key': () => import('../commands/store-key.js'),
  'retrieve-key': () => import('../commands/retrieve-key.js'),
  'export-public-key': () => import('../commands/export-public-key.js'),
  'derive-key': () => import('../commands/derive-key.js'),
  'list-derived-keys': () => import('../commands/list-derived-keys.js'),
  'rotate-key': () => import('../commands/rotate-key.js'),
  'list-key-versions': () => import('../commands/list-key-versions.js'),
  'get-key-version': () => import('../commands/get-key-version.js'),
  'cleanup-old-versions': () => import('../commands/cleanup-old-versions.js'),
  'export-key': () => import('../commands/export-key.js'),
  'import-key': () => import('../commands/import-key.js'),
  'verify-backup': () => import('../commands/verify-backup.js'),
  'list-backups': () => import('../commands/list-backups.js'),
  'register-key': () => import('../commands/register-key.js'),
  'check-registration': () => import('../commands/check-registration.js'),
  'revoke-registration': () => import('../commands/revoke-registration.js'),
  sign: () => import('../commands/sign.js'),
  verify: () => import('../commands/verify.js'),
  'verify-local': () => import('../commands/verify-local.js'),
  batch: () => import('../commands/batch.js'),
  'self-test': () => import('../commands/self-test.js'),
  benchmark: () => import('../commands/benchmark.js'),
  completion: () => import('../commands/completion.js'),
  man: () => import('../commands/man.js'),
};
