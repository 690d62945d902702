import type { CommandDefinition, OptionSpec } from './command.js';
import { COMMAND_SUMMARIES } from './command-list.js';
import { GLOBAL_OPTIONS } from './global-options.js';
import { CLI_VERSION } from './version.js';

function optionLines(options: Record<string, OptionSpec>): string[] {
  return Object.entries(options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`;
    return `  ${flag.padEnd(34)} ${spec.help}`;
  });
}

/**
 * `datafold_cli --help`: every command with its one-line summary, from the command table alone
 * (no command module is loaded).
 *
 * @example
 * process.stdout.write(topLevelHelp());
 */
export function topLevelHelp(): string {
  const width = Math.max(...Object.keys(COMMAND_SUMMARIES).map((n) => n.length));
  return [
    `datafold_cli ${CLI_VERSION} — Ed25519 key management on the DataFold formats`,
    '',
    'Usage: datafold_cli crypto <command> [options]',
    '       datafold_cli crypto <command> --help',
    '',
    'Commands:',
    ...Object.entries(COMMAND_SUMMARIES).map(
      ([name, summary]) => `  ${name.padEnd(width)}  ${summary}`,
    ),
    '',
    'Options for every command:',
    ...optionLines(GLOBAL_OPTIONS),
    '  -V, --version                      print the version',
    '',
    'Environment: DATAFOLD_PASSPHRASE, DATAFOLD_BACKUP_PASSPHRASE, DATAFOLD_CRYPTO_STORAGE (key',
    'directory), DATAFOLD_CONFIG_PATH (config file), NO_COLOR.',
    'Exit codes: 0 ok, 1 error, 2 bad arguments, 3 configuration, 4 not initialised (run init),',
    '5 key/file/client not found, 6 network, 7 permission denied, 8 signature does not verify.',
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
