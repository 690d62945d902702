/// <reference types="node" />
import { parseArgs } from 'node:util';

import { DataFoldError, enableDebugLogging } from '@datafold/js-sdk';

import { isCodedError } from '../errors/coded-error.js';

import { STDERR, STDOUT } from '../io/fd-writer.js';
import { Output } from '../io/output.js';
import type { CommandDefinition, OptionValues } from './command.js';
import { Context } from './context.js';
import { wantsDebugLog } from './debug-switch.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { GLOBAL_OPTIONS } from './global-options.js';
import { commandHelp } from './help.js';
import { hintFor, usageProblem } from './usage-problem.js';

function wantsColor(noColorFlag: boolean, env: NodeJS.ProcessEnv): boolean {
  // https://no-color.org: set and not empty means no colour.
  return !noColorFlag && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
}

/**
 * Runs one command with its arguments (everything after the command name) and resolves to the
 * exit code. Every error of the run is caught here, once, printed through the output module
 * and mapped to its exit code (spec/cli-exit-codes.md). The bundle links one copy of this into
 * each command's file, so a command loads only itself, this runner and the SDK parts it uses.
 *
 * @example
 * process.exitCode = await runCommand(command, ['--key-id', 'app', '--json'], process.env);
 */
export async function runCommand(
  command: CommandDefinition,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  let out = new Output({
    json: args.includes('--json'),
    color: wantsColor(args.includes('--no-color'), env),
    stdout: STDOUT,
    stderr: STDERR,
  });
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        options: { ...GLOBAL_OPTIONS, ...command.options },
        strict: true,
        allowPositionals: command.positionals !== undefined,
      });
    } catch (error) {
      throw usageProblem(command, error);
    }
    const options = parsed.values as OptionValues;
    out = new Output({
      json: options.json === true,
      color: wantsColor(options['no-color'] === true, env),
      stdout: STDOUT,
      stderr: STDERR,
    });
    if (wantsDebugLog(options.verbose === true, env)) {
      const debugOut = out;
      enableDebugLogging(true, (event, fields) => debugOut.debug(event, fields));
      debugOut.debug('cli.command', { command: command.name });
    }
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
          `Expected ${names}; see datafold_cli crypto ${command.name} --help`,
        );
      }
    }
    const code = await command.run(new Context(out, env, options), options, positionals);
    if (!out.hasEmitted && out.json) out.result({ ok: true }, '');
    return code;
  } catch (error) {
    return report(
      out,
      error,
      wantsDebugLog(args.includes('--verbose') || args.includes('-v'), env),
      command,
    );
  }
}

function report(out: Output, error: unknown, verbose: boolean, command: CommandDefinition): number {
  if (isCodedError(error)) {
    const fix = hintFor(command, error);
    out.error(error.code, error.message, out.json ? undefined : fix);
    if (verbose && error.cause instanceof Error) out.warn(`cause: ${error.cause.message}`);
    return exitCodeFor(error.code);
  }
  // Unexpected failures: the message of a platform error names a path or an errno, never a key.
  const message = error instanceof Error ? error.message : String(error);
  out.error('INTERNAL_ERROR', `Unexpected failure: ${message}`);
  if (verbose && error instanceof Error && error.stack) out.warn(error.stack);
  return EXIT.GENERAL;
}
