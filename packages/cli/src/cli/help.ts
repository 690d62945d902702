import type { CommandDefinition, OptionSpec } from './command.js';
import { COMMAND_NAMES, COMMAND_TABLE } from './command-table.js';
import { GLOBAL_OPTIONS } from './global-options.js';
import { CLI_VERSION } from './version.js';

function optionLines(options: Record<string, OptionSpec>): string[] {
  return Object.entries(options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`;
    return `  ${flag.padEnd(34)} ${spec.help}`;
  });
}

/** The environment variables the CLI reads, for --help and the man page. */
export const ENVIRONMENT: ReadonlyArray<readonly [string, string]> = [
  [
    'DATAFOLD_PASSPHRASE',
    'the key passphrase (else --passphrase-file, --passphrase-stdin or a prompt)',
  ],
  ['DATAFOLD_BACKUP_PASSPHRASE', 'the backup passphrase (default: the key passphrase)'],
  ['DATAFOLD_CRYPTO_STORAGE', 'the key directory (default ~/.datafold/keys)'],
  ['DATAFOLD_CONFIG_PATH', 'the configuration file (default ~/.datafold/config.json)'],
  ['DATAFOLD_DEBUG', '1 logs each step on stderr, as -v does (RUST_LOG=debug is read too)'],
  ['NO_COLOR', 'no colours'],
];

/** The exit codes (spec/cli-exit-codes.md §1), for --help and the man page. */
export const EXIT_STATUS: ReadonlyArray<readonly [number, string]> = [
  [0, 'success'],
  [1, 'error'],
  [2, 'bad arguments'],
  [3, 'configuration error'],
  [4, 'crypto not initialised (run init)'],
  [5, 'key, file or client not found'],
  [6, 'network error or server unavailable'],
  [7, 'permission denied'],
  [8, 'signature does not verify, or a signed request was refused'],
  [130, 'interrupted'],
];

/**
 * `datafold_cli --help`: every command with its one-line summary, from the command table alone
 * (no command module is loaded).
 *
 * @example
 * process.stdout.write(topLevelHelp());
 */
export function topLevelHelp(): string {
  const width = Math.max(...COMMAND_NAMES.map((n) => n.length));
  return [
    `datafold_cli ${CLI_VERSION} — Ed25519 key management on the DataFold formats`,
    '',
    'Usage: datafold_cli crypto <command> [options]',
    '       datafold_cli crypto <command> --help',
    '',
    'Commands:',
    ...COMMAND_NAMES.map((name) => `  ${name.padEnd(width)}  ${COMMAND_TABLE[name]}`),
    '',
    'Options for every command:',
    ...optionLines(GLOBAL_OPTIONS),
    '  -V, --version                      print the version',
    '',
    'Environment:',
    ...ENVIRONMENT.map(([name, meaning]) => `  ${name.padEnd(27)} ${meaning}`),
    '',
    `Exit codes: ${EXIT_STATUS.map(([code, meaning]) => `${code} ${meaning}`).join(', ')}.`,
    '',
    'Shell completion: datafold_cli completion bash|zsh|fish; manual page: datafold_cli man.',
    '',
    'Quick start:',
    '  datafold_cli crypto init --method random --security-level balanced',
    '  datafold_cli crypto generate-key --key-id my-app-key --format hex',
    '  datafold_cli crypto sign --key-id my-app-key --message "Hello DataFold" --output signature.bin',
    '',
  ].join('\n');
}

/** `datafold_cli crypto <command> --help`. */
export function commandHelp(command: CommandDefinition): string {
  return [
    `Usage: datafold_cli crypto ${command.usage}`,
    '',
    command.summary + '.',
    ...(command.description ? ['', command.description] : []),
    '',
    ...(Object.keys(command.options).length > 0
      ? ['Options:', ...optionLines(command.options), '']
      : []),
    'Global options:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    'Examples:',
    ...command.examples.map((e) => `  ${e}`),
    '',
  ].join('\n');
}
