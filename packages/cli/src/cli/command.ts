import { COMMAND_TABLE, type CommandName } from './command-table.js';
import type { Context } from './context.js';

/** One option of a command, in the shape node:util parseArgs takes plus what --help shows. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** Shown by --help; `VALUE` names the argument of a string option. */
  help: string;
  value?: string;
  /** The words the value may be, when they are few: offered by shell completion. */
  choices?: readonly string[];
}

/** The parsed options of a command: strings, booleans and repeated strings. */
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/**
 * A command of the `datafold_cli crypto` table (cli/command-table.ts). Each lives in its own
 * module under commands/, loaded only when it runs (or when its --help is asked for), so start-up
 * stays near node's own; the module makes it with {@link defineCommand}.
 */
export interface CommandDefinition {
  name: CommandName;
  /** The table's one-line summary. */
  summary: string;
  usage: string;
  /** Longer text for --help: what the command does, what it needs, what it prints. */
  description?: string;
  options: Record<string, OptionSpec>;
  examples: string[];
  /** Positional arguments allowed (config set KEY VALUE); none by default. */
  positionals?: { min: number; max: number; names: string };
  /**
   * Does the work, reports through `ctx.out`, and resolves to the exit code (cli/exit-codes.ts):
   * `EXIT.SUCCESS`, or the code of a result that is not a success without being an error
   * (self-test with a failed check). Errors are thrown; the runner maps them to their codes.
   */
  run(ctx: Context, options: OptionValues, positionals: string[]): Promise<number>;
}

/** What a command module writes: its definition but the name's summary, which the table holds. */
export type CommandSpec = Omit<CommandDefinition, 'name' | 'summary'>;

/**
 * The definition of the command `name`, its summary taken from the table.
 *
 * @example
 * export const command = defineCommand('list-keys', {
 *   usage: 'list-keys [--format hex|base64]',
 *   options: { format: { type: 'string', help: 'public key encoding', value: 'FORMAT' } },
 *   examples: ['datafold_cli crypto list-keys --json'],
 *   run: async (ctx) => { ...; return EXIT.SUCCESS; },
 * });
 */
export function defineCommand(name: CommandName, spec: CommandSpec): CommandDefinition {
  return { name, summary: COMMAND_TABLE[name], ...spec };
}
