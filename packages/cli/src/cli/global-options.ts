import type { OptionSpec } from './command.js';

/** Options every command takes; they may appear anywhere after the command name. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  json: { type: 'boolean', help: 'print exactly one JSON document on stdout' },
  'no-color': { type: 'boolean', help: 'no colours (NO_COLOR=1 does the same)' },
  verbose: { type: 'boolean', short: 'v', help: 'say more' },
  help: { type: 'boolean', short: 'h', help: 'show help for the command' },
  config: {
    type: 'string',
    value: 'FILE',
    help: 'configuration file (default ~/.datafold/config.json, DATAFOLD_CONFIG_PATH)',
  },
  'passphrase-file': {
    type: 'string',
    value: 'FILE',
    help: 'read the key passphrase from the first line of FILE',
  },
  'passphrase-stdin': { type: 'boolean', help: 'read the key passphrase from standard input' },
  passphrase: {
    type: 'string',
    value: 'TEXT',
    help: 'the key passphrase (visible to other users: prefer the above or DATAFOLD_PASSPHRASE)',
  },
};

/** Options of the commands that write or read backups: the backup's own passphrase. */
export const BACKUP_PASSPHRASE_OPTIONS: Record<string, OptionSpec> = {
  'backup-passphrase-file': {
    type: 'string',
    value: 'FILE',
    help: 'backup passphrase from FILE (default: the key passphrase; env DATAFOLD_BACKUP_PASSPHRASE)',
  },
  'backup-passphrase-stdin': { type: 'boolean', help: 'backup passphrase from standard input' },
  'backup-passphrase': {
    type: 'string',
    value: 'TEXT',
    help: 'the backup passphrase (visible to other users)',
  },
};

/** Options of the commands that talk to a server. */
export const SERVER_OPTIONS: Record<string, OptionSpec> = {
  server: { type: 'string', value: 'URL', help: 'server URL (default: crypto.server.default_url)' },
  timeout: {
    type: 'string',
    value: 'MS',
    help: 'request timeout in milliseconds (default: config, 30000)',
  },
};
