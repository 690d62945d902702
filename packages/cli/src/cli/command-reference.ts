import type { CommandDefinition, OptionSpec } from './command.js';
import { GLOBAL_OPTIONS } from './global-options.js';

/** One option as completion scripts and the man page present it. */
export interface OptionReference {
  /** `--key-id` */
  flag: string;
  /** `-o`, when the option has a short form. */
  short?: string;
  /** The value's name (FILE, ID, ...), absent for a switch. */
  value?: string;
  /** The words a value may be, when they are few. */
  choices?: readonly string[];
  help: string;
}

/**
 * A command's own options, then (unless `own`) the global ones, as references; the global ones
 * alone for no command.
 */
export function optionReferences(
  command: CommandDefinition | undefined,
  own = false,
): OptionReference[] {
  const all: Record<string, OptionSpec> = {
    ...(command?.options ?? {}),
    ...(own ? {} : GLOBAL_OPTIONS),
  };
  return Object.entries(all).map(([name, spec]) => ({
    flag: `--${name}`,
    ...(spec.short === undefined ? {} : { short: `-${spec.short}` }),
    ...(spec.type === 'string' ? { value: spec.value ?? 'VALUE' } : {}),
    ...(spec.choices === undefined ? {} : { choices: spec.choices }),
    help: spec.help,
  }));
}

/** Whether an option's value names a file or directory (completed as paths). */
export function takesPath(option: OptionReference): boolean {
  return option.value === 'FILE' || option.value === 'DIR';
}
