import type { CommandDefinition } from './command.js';

type Loader = () => Promise<{ command: CommandDefinition }>;

/** A row of the command table: what `--help` lists, and how to load the command. */
export interface CommandEntry {
  summary: string;
  load: Loader;
}

// Every command is a dynamic import: `datafold_cli crypto verify-local` evaluates the verify
// module and nothing of backups, Argon2id or the server client (CONVENTIONS.md, CLI).
/**
 * The `datafold_cli crypto` commands, in the order `--help` lists them.
 *
 * @example
 * const { command } = await COMMANDS['list-keys']!.load();
 */
export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  init: {
    summary: 'Set up config, key directory and master key',
    load: () => import('../commands/init.js'),
  },
  status: {
    summary: 'Show whether crypto is set up, where, and at what cost',
    load: () => import('../commands/status.js'),
  },
  config: {
    summary: 'Show or change the configuration (show | set KEY VALUE | validate)',
    load: () => import('../commands/config.js'),
  },
  'validate-config': {
    summary: 'Check the configuration file',
    load: () => import('../commands/validate-config.js'),
  },
  'generate-key': {
    summary: 'Generate and store a new Ed25519 key pair',
    load: () => import('../commands/generate-key.js'),
  },
  'list-keys': {
    summary: 'List stored keys (and name unreadable key files)',
    load: () => import('../commands/list-keys.js'),
  },
  'show-key': {
    summary: "Show a key's details and public key (private with a passphrase)",
    load: () => import('../commands/show-key.js'),
  },
  'delete-key': {
    summary: 'Delete a key and all its versions',
    load: () => import('../commands/delete-key.js'),
  },
  'store-key': {
    summary: 'Store an existing private key',
    load: () => import('../commands/store-key.js'),
  },
  'retrieve-key': {
    summary: 'Decrypt and print a stored private key',
    load: () => import('../commands/retrieve-key.js'),
  },
  'export-public-key': {
    summary: 'Print a public key (no passphrase needed)',
    load: () => import('../commands/export-public-key.js'),
  },
  'derive-key': {
    summary: 'Derive a key from a master key for a context',
    load: () => import('../commands/derive-key.js'),
  },
  'list-derived-keys': {
    summary: 'List keys derived from a master key',
    load: () => import('../commands/list-derived-keys.js'),
  },
  'rotate-key': {
    summary: 'Rotate a key to a new version (and its server registration)',
    load: () => import('../commands/rotate-key.js'),
  },
  'list-key-versions': {
    summary: "List a key's versions",
    load: () => import('../commands/list-key-versions.js'),
  },
  'get-key-version': {
    summary: 'Show one version of a key',
    load: () => import('../commands/get-key-version.js'),
  },
  'cleanup-old-versions': {
    summary: 'Delete all but the newest N versions',
    load: () => import('../commands/cleanup-old-versions.js'),
  },
  'export-key': {
    summary: 'Write an encrypted backup (backup v1)',
    load: () => import('../commands/export-key.js'),
  },
  'import-key': {
    summary: 'Restore a key from a backup',
    load: () => import('../commands/import-key.js'),
  },
  'verify-backup': {
    summary: 'Check a backup file (and its passphrase with --decrypt)',
    load: () => import('../commands/verify-backup.js'),
  },
  'list-backups': {
    summary: 'List backup files in a directory',
    load: () => import('../commands/list-backups.js'),
  },
  'register-key': {
    summary: 'Register a public key with a DataFold server',
    load: () => import('../commands/register-key.js'),
  },
  'check-registration': {
    summary: "Show a client's registration on the server",
    load: () => import('../commands/check-registration.js'),
  },
  'revoke-registration': {
    summary: 'Revoke a registration, signed by its key',
    load: () => import('../commands/revoke-registration.js'),
  },
  sign: { summary: 'Sign a message with a stored key', load: () => import('../commands/sign.js') },
  verify: {
    summary: 'Verify a signature with the server',
    load: () => import('../commands/verify.js'),
  },
  'verify-local': {
    summary: 'Verify a signature locally with a public key',
    load: () => import('../commands/verify-local.js'),
  },
  batch: { summary: 'Run operations from a JSON file', load: () => import('../commands/batch.js') },
  'self-test': {
    summary: 'Check the crypto against known answers',
    load: () => import('../commands/self-test.js'),
  },
  benchmark: {
    summary: 'Time key operations on this machine',
    load: () => import('../commands/benchmark.js'),
  },
};

/** Other spellings the seed uses for the same commands. */
export const ALIASES: Readonly<Record<string, string>> = {
  'batch-operation': 'batch',
};
