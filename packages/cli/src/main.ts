/// <reference types="node" />
import { ALIASES, COMMAND_NAMES, commandNamed } from './cli/command-table.js';
import type { CommandDefinition } from './cli/command.js';
import type * as RunnerModule from './cli/run-command.js';
import { GLOBAL_OPTIONS } from './cli/global-options.js';
import { loadSibling } from './cli/load-sibling.js';
import { suggest } from '@datafold/js-sdk';
import { STDERR, STDOUT } from './io/fd-writer.js';
import { topLevelHelp } from './cli/help.js';
import { CLI_VERSION } from './cli/version.js';

// The entry point imports nothing of the SDK but `suggest` (the bundle carries that one function):
// it finds the command, then loads `commands/<name>.js`, which brings its own runner and only the
// SDK parts it uses. So `--version`, `--help` and an unknown command cost node's start and a few
// kilobytes.

/** Global string options take the next argument as their value, even before the command. */
const GLOBAL_WITH_VALUE = new Set(
  Object.entries(GLOBAL_OPTIONS)
    .filter(([, s]) => s.type === 'string')
    .map(([n]) => `--${n}`),
);

/** Splits argv into the command name and the rest, skipping the `crypto` group word once. */
function findCommand(argv: string[]): { name: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let name: string | undefined;
  let skippedGroup = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (name === undefined && !arg.startsWith('-')) {
      if (arg === 'crypto' && !skippedGroup) {
        skippedGroup = true;
        continue;
      }
      name = arg;
      continue;
    }
    rest.push(arg);
    if (name === undefined && GLOBAL_WITH_VALUE.has(arg) && i + 1 < argv.length)
      rest.push(argv[++i]!);
  }
  return { name, rest };
}

/** What the bundle's per-command file exports (scripts/bundle.mjs); tsc's has `command` only. */
interface CommandModule {
  command: CommandDefinition;
  runCli?: (args: string[], env: NodeJS.ProcessEnv) => Promise<number>;
}

/**
 * Runs datafold_cli with `argv` (without node and the script) and resolves to the exit code.
 *
 * @example
 * process.exitCode = await main(['crypto', 'list-keys', '--json']);
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const json = argv.includes('--json');
  const { name: given, rest } = findCommand(argv);
  if (given === undefined) {
    if (rest.includes('--version') || rest.includes('-V')) {
      STDOUT.write(
        json ? `${JSON.stringify({ version: CLI_VERSION })}\n` : `datafold_cli ${CLI_VERSION}\n`,
      );
      return 0;
    }
    const asked = rest.includes('--help') || rest.includes('-h');
    STDOUT.write(json ? `${JSON.stringify({ help: topLevelHelp() })}\n` : topLevelHelp());
    return asked ? 0 : 2;
  }
  const name = commandNamed(given);
  if (name === undefined) {
    // Same shape as every other error (spec/cli-exit-codes.md), without loading the SDK for it.
    const meant = suggest(given, [...COMMAND_NAMES, ...Object.keys(ALIASES)]);
    const message =
      meant === undefined
        ? `Unknown command "${given}"`
        : `Unknown command "${given}"; did you mean "${meant}"?`;
    const hint =
      meant === undefined
        ? 'datafold_cli --help lists the commands'
        : `datafold_cli crypto ${commandNamed(meant)!} --help shows how to use it`;
    if (json) {
      const error = { code: 'INVALID_ARGUMENT', message };
      STDOUT.write(`${JSON.stringify({ error }, null, 2)}\n`);
    } else STDERR.write(`error: ${message} (INVALID_ARGUMENT)\n  hint: ${hint}\n`);
    return 2;
  }
  // Resolves beside this file in both the bundle and the tsc output.
  const mod = await loadSibling<CommandModule>(`./commands/${name}.js`, import.meta.url);
  if (mod.runCli) return mod.runCli(rest, env);
  const { runCommand } = await loadSibling<typeof RunnerModule>(
    './cli/run-command.js',
    import.meta.url,
  );
  return runCommand(mod.command, rest, env);
}
