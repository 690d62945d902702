/**
 * The commands of datafold_cli and their one-line summaries, in the order --help lists them: the
 * one list of commands. The rest is derived from it: the help list, the command the entry point
 * loads (`commands/<name>.js`, one module each), each command's `summary` (`defineCommand`), the
 * loaders of batch, completion and man (cli/command-loaders.ts, typed by this table), and the
 * bundle's files (scripts/bundle.mjs reads this module). It imports nothing: the entry point
 * reads it before loading anything else.
 *
 * @example
 * COMMAND_TABLE['sign']; // 'Sign a message with a stored key'
 */
export const COMMAND_TABLE = {
  init: 'Set up config, key directory and master key',
  status: 'Show whether crypto is set up, where, and at what cost',
  config: 'Show or change the configuration (show | set KEY VALUE | validate)',
  'validate-config': 'Check the configuration file',
  'generate-key': 'Generate and store a new Ed25519 key pair',
  'list-keys': 'List stored keys (and name unreadable key files)',
  'show-key': "Show a key's details and public key (the private key only with --private)",
  'delete-key': 'Delete a key and all its versions',
  'store-key': 'Store an existing private key',
  'retrieve-key': 'Decrypt and print a stored private key',
  'export-public-key': 'Print a public key (no passphrase needed)',
  'derive-key': 'Derive a key from a master key for a context',
  'list-derived-keys': 'List keys derived from a master key',
  'rotate-key': 'Rotate a key to a new version (and its server registration)',
  'list-key-versions': "List a key's versions",
  'get-key-version': 'Show one version of a key',
  'cleanup-old-versions': 'Delete all but the newest N versions',
  'export-key': 'Write an encrypted backup (backup v1)',
  'import-key': 'Restore a key from a backup',
  'verify-backup': 'Check a backup file (and its passphrase with --decrypt)',
  'list-backups': 'List backup files in a directory',
  'register-key': 'Register a public key with a DataFold server',
  'check-registration': "Show a client's registration on the server",
  'revoke-registration': 'Revoke a registration, signed by its key',
  sign: 'Sign a message with a stored key',
  verify: 'Verify a signature with the server',
  'verify-local': 'Verify a signature locally with a public key',
  request: 'Sign an HTTP request with a stored key and send it (RFC 9421)',
  'sign-request': 'Print the signature header fields of an HTTP request, for curl',
  batch: 'Run operations from a JSON file',
  'self-test': 'Check the crypto against known answers',
  benchmark: 'Time key operations on this machine',
  completion: 'Print a shell completion script (bash, zsh or fish)',
  man: 'Print the manual page, datafold_cli(1), in roff',
} as const;

/** The name of a command of the table. */
export type CommandName = keyof typeof COMMAND_TABLE;

/**
 * Every command name, in the table's order.
 *
 * @example
 * for (const name of COMMAND_NAMES) console.log(name, COMMAND_TABLE[name]);
 */
export const COMMAND_NAMES = Object.keys(COMMAND_TABLE) as readonly CommandName[];

/**
 * Other spellings the seed uses for the same commands.
 *
 * @example
 * ALIASES['batch-operation']; // 'batch'
 */
export const ALIASES: Readonly<Record<string, CommandName>> = {
  'batch-operation': 'batch',
};

/**
 * The command a name or an alias stands for; undefined when it is neither.
 *
 * @example
 * commandNamed('batch-operation'); // 'batch'
 * commandNamed('sing'); // undefined
 */
export function commandNamed(name: string): CommandName | undefined {
  const resolved = Object.hasOwn(ALIASES, name) ? ALIASES[name]! : name;
  return Object.hasOwn(COMMAND_TABLE, resolved) ? (resolved as CommandName) : undefined;
}
