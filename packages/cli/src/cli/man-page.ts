import type { CommandDefinition } from './command.js';
import { optionReferences, type OptionReference } from './command-reference.js';
import { ENVIRONMENT, EXIT_STATUS } from './help.js';
import { CLI_VERSION } from './version.js';

// The manual page datafold_cli(1), in roff (man(7) macros), written from the command
// definitions and the texts --help shows, so the two never disagree.

/** Text made safe for roff: backslashes escaped, dashes literal, no line read as a request. */
function roff(text: string): string {
  return text
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .split('\n')
    .map((line) => (/^[.']/.test(line) ? `\\&${line}` : line))
    .join('\n');
}

function optionItem(o: OptionReference): string {
  const flags = [o.short, o.flag].filter((f) => f !== undefined).map((f) => `\\fB${roff(f)}\\fR`);
  const value = o.value === undefined ? '' : ` \\fI${roff(o.value)}\\fR`;
  return `.TP\n${flags.join(', ')}${value}\n${roff(o.help)}`;
}

/**
 * datafold_cli(1): synopsis, every command with its usage, description, options and examples,
 * the global options, the environment and the exit status.
 *
 * @example
 * process.stdout.write(manPage(await loadAllCommands())); // | man -l -
 */
export function manPage(commands: CommandDefinition[]): string {
  const sections = commands.map((c) => {
    const own = optionReferences(c, true);
    return [
      `.SS ${roff(c.name)}`,
      `\\fBdatafold_cli crypto ${roff(c.usage)}\\fR`,
      '.PP',
      roff(`${c.summary}.`),
      ...(c.description ? ['.PP', roff(c.description)] : []),
      ...(own.length > 0 ? ['.RS', ...own.map(optionItem), '.RE'] : []),
      ...(c.examples.length > 0
        ? ['.PP', 'Examples:', '.RS', '.nf', ...c.examples.map(roff), '.fi', '.RE']
        : []),
    ].join('\n');
  });
  return [
    `.TH DATAFOLD_CLI 1 "" "datafold_cli ${CLI_VERSION}" "User Commands"`,
    '.SH NAME',
    'datafold_cli \\- Ed25519 key management on the DataFold formats',
    '.SH SYNOPSIS',
    '.B datafold_cli',
    '[\\fBcrypto\\fR] \\fIcommand\\fR [\\fIoptions\\fR]',
    '.br',
    '.B datafold_cli',
    '\\fIcommand\\fR \\fB\\-\\-help\\fR',
    '.SH DESCRIPTION',
    roff(
      'Generates, stores, rotates, backs up and registers Ed25519 keys, on the formats the DataFold ' +
        'SDKs share: keys stay on this machine, encrypted under a passphrase in the key directory; ' +
        'only public keys and signatures go to a DataFold server.',
    ),
    '.SH COMMANDS',
    ...sections,
    '.SH OPTIONS',
    'Every command takes these:',
    ...optionReferences(undefined).map(optionItem),
    '.TP',
    '\\fB\\-V\\fR, \\fB\\-\\-version\\fR',
    'print the version',
    '.SH ENVIRONMENT',
    ...ENVIRONMENT.flatMap(([name, meaning]) => ['.TP', `.B ${roff(name)}`, roff(meaning)]),
    '.SH EXIT STATUS',
    ...EXIT_STATUS.flatMap(([code, meaning]) => ['.TP', `.B ${code}`, roff(meaning)]),
    '.SH FILES',
    '.TP',
    '.I ~/.datafold/config.json',
    'the configuration',
    '.TP',
    '.I ~/.datafold/keys',
    'the key directory (mode 0700; key files 0600)',
    '',
  ].join('\n');
}
