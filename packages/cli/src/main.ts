/// <reference types="node" />
import { parseArgs } from 'node:util';

import { DataFoldError, ERROR_REGISTRY } from '@datafold/js-sdk';

import type { CommandDefinition, OptionValues } from './cli/command.js';
import { ALIASES, COMMANDS } from './cli/command-table.js';
import { Context } from './cli/context.js';
import { EXIT, exitCodeFor } from './cli/exit-codes.js';
import { GLOBAL_OPTIONS } from './cli/global-options.js';
import { commandHelp, topLevelHelp } from './cli/help.js';
import { CLI_VERSION } from './cli/version.js';
import { Output } from './io/output.js';

/** Global string options take the next argument as their value, even before the command. */
const GLOBAL_WITH_VALUE = new Set(
  Object.entries(GLOBAL_OPTIONS)
    .filter(([, s]) => s.type === 'string')
    .map(([n]) => `--${n}`),
);

/** Splits argv into the command name and the rest, skipping the `crypto` group word. */
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

function wantsColor(options: OptionValues, env: NodeJS.ProcessEnv): boolean {
  // https://no-color.org: set and not empty means no colour.
  return options['no-color'] !== true && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
}

/**
 * Runs datafold_cli with `argv` (without node and the script) and resolves to the exit code.
 * Every error is caught here, once, printed through the output module and mapped to its exit
 * code (spec/cli-exit-codes.md).
 *
 * @example
 * process.exitCode = await main(['crypto', 'list-keys', '--json']);
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const json = argv.includes('--json');
  let out = new Output({
    json,
    color: !argv.includes('--no-color') && !(env.NO_COLOR !== undefined && env.NO_COLOR !== ''),
    stdout: process.stdout,
    stderr: process.stderr,
  });
  try {
    const { name: given, rest } = findCommand(argv);
    if (given === undefined) {
      if (rest.includes('--version') || rest.includes('-V')) {
        out.result({ version: CLI_VERSION }, `datafold_cli ${CLI_VERSION}`);
        return EXIT.SUCCESS;
      }
      if (rest.includes('--help') || rest.includes('-h') || rest.length === 0) {
        out.result({ help: topLevelHelp() }, topLevelHelp());
        return rest.length === 0 && !json ? EXIT.INVALID_ARGUMENTS : EXIT.SUCCESS;
      }
    }
    const name = given === undefined ? undefined : (ALIASES[given] ?? given);
    const entry = name === undefined ? undefined : COMMANDS[name];
    if (entry === undefined || name === undefined) {
      throw new DataFoldError(
        'INVALID_ARGUMENT',
        given === undefined
          ? 'No command given; see datafold_cli --help'
          : `Unknown command "${given}"; see datafold_cli --help for the list`,
      );
    }
    const { command } = (await entry.load()) as { command: CommandDefinition };
    let parsed;
    try {
      parsed = parseArgs({
        args: rest,
        options: { ...GLOBAL_OPTIONS, ...command.options },
        strict: true,
        allowPositionals: command.positionals !== undefined,
      });
    } catch (error) {
      throw new DataFoldError(
        'INVALID_ARGUMENT',
        `${(error as Error).message.split('\n')[0]}; see datafold_cli crypto ${name} --help`,
      );
    }
    const options = parsed.values as OptionValues;
    out = new Output({
      json: options.json === true,
      color: wantsColor(options, env),
      stdout: process.stdout,
      stderr: process.stderr,
    });
    if (options.help === true) {
      out.result({ help: commandHelp(command) }, commandHelp(command));
      return EXIT.SUCCESS;
    }
    const positionals = parsed.positionals;
    if (command.positionals) {
      const { min, max, names } = command.positionals;
      if (positionals.length < min || positionals.length > max) {
        throw new DataFoldError(
          'INVALID_ARGUMENT',
          `Expected ${names}; see datafold_cli crypto ${name} --help`,
        );
      }
    }
    const ctx = new Context(out, env, options);
    await command.run(ctx, options, positionals);
    if (!out.hasEmitted && out.json) out.result({ ok: true }, '');
    return process.exitCode !== undefined && process.exitCode !== 0
      ? Number(process.exitCode)
      : EXIT.SUCCESS;
  } catch (error) {
    return report(out, error, argv.includes('--verbose') || argv.includes('-v'));
  }
}

function report(out: Output, error: unknown, verbose: boolean): number {
  if (error instanceof DataFoldError) {
    const fix = (ERROR_REGISTRY as Record<string, { fix?: string } | undefined>)[error.code]?.fix;
    out.error(error.code, error.message, out.json ? undefined : fix);
    if (verbose && error.cause instanceof Error) out.warn(`cause: ${error.cause.message}`);
    return exitCodeFor(error.code);
  }
  const message = error instanceof Error ? error.message : String(error);
  out.error('INTERNAL_ERROR', `Unexpected failure: ${message}`);
  if (verbose && error instanceof Error && error.stack) out.warn(error.stack);
  return EXIT.GENERAL;
}
