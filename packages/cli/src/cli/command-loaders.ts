import type { CommandDefinition } from './command.js';
import { COMMAND_NAMES, type CommandName } from './command-table.js';

type Loader = () => Promise<{ command: CommandDefinition }>;

// Literal dynamic imports, so bundlers see every command: batch, completion and man bundle them
// all. The entry point does not import this module (it would bundle every command into
// main.js); it loads `commands/<name>.js` by path. The mapped type makes the key set exactly
// the table's: a command missing here, or one the table lacks, does not compile.
const COMMAND_LOADERS: { readonly [N in CommandName]: Loader } = {
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
  request: () => import('../commands/request.js'),
  'sign-request': () => import('../commands/sign-request.js'),
  batch: () => import('../commands/batch.js'),
  'self-test': () => import('../commands/self-test.js'),
  benchmark: () => import('../commands/benchmark.js'),
  completion: () => import('../commands/completion.js'),
  man: () => import('../commands/man.js'),
};

/**
 * The definition of one command of the table, loaded on first use.
 *
 * @example
 * const command = await loadCommand('list-keys');
 */
export async function loadCommand(name: CommandName): Promise<CommandDefinition> {
  return (await COMMAND_LOADERS[name]()).command;
}

/**
 * Every command's definition, in the order --help lists them: what completion and man read.
 *
 * @example
 * process.stdout.write(manPage(await loadAllCommands()));
 */
export function loadAllCommands(): Promise<CommandDefinition[]> {
  return Promise.all(COMMAND_NAMES.map(loadCommand));
}
