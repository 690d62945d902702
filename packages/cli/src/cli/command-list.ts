/**
 * The `datafold_cli crypto` commands and their one-line summaries, in the order `--help` lists
 * them. This module imports nothing: the entry point reads it to find a command (and to print
 * --help) before loading anything else. Each command is the module `commands/<name>.js`.
 *
 * @example
 * if (!Object.hasOwn(COMMAND_SUMMARIES, name)) throw new Error('unknown command');
 */
export const COMMAND_SUMMARIES: Readonly<Record<string, string>> = {
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
  batch: 'Run operations from a JSON file',
  'self-test': 'Check the crypto against known answers',
  benchmark: 'Time key operations on this machine',
  completion: 'Print a shell completion script (bash, zsh or fish)',
  man: 'Print the manual page, datafold_cli(1), in roff',
};

/** Other spellings the seed uses for the same commands. */
export const ALIASES: Readonly<Record<string, string>> = {
  'batch-operation': 'batch',
};
