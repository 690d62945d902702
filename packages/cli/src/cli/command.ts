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
 * A command of the `datafold_cli crypto` table. Each lives in its own module under commands/,
 * loaded only when it runs (or when its --help is asked for), so start-up stays near node's own.
 *
 * @example
 * export const command: CommandDefinition = {
 *   name: 'list-keys',
 *   summary: 'List the stored keys',
 *   usage: 'list-keys [--format hex|base64]',
 *   options: { format: { type: 'string', help: 'public key encoding', value: 'FORMAT' } },
 *   examples: ['datafold_cli crypto list-keys --json'],
 *   run: async (ctx) => { ... },
 * };
 */
export interface CommandDefinition {
  name: string;
  summary: string;
  usage: string;
  /** Longer text for --help: what the command does, what it needs, what it prints. */
  description?: string;
  options: Record<string, OptionSpec>;
  examples: string[];
  /** Positional arguments allowed (config set KEY VALUE); none by default. */
  positionals?: { min: number; max: number; names: string };
  run(ctx: Context, options: OptionValues, positionals: string[]): Promise<void>;
}
