import { ERROR_REGISTRY, ValidationError, type ErrorCode } from '@datafold/js-sdk';

import type { CommandDefinition } from './command.js';
import { GLOBAL_OPTIONS } from './global-options.js';
import { suggest } from '@datafold/js-sdk';

/** The long and short spellings of a command's options, as typed on a command line. */
function optionNames(command: CommandDefinition): string[] {
  const all = { ...GLOBAL_OPTIONS, ...command.options };
  return Object.entries(all).flatMap(([name, spec]) => [
    `--${name}`,
    ...(spec.short === undefined ? [] : [`-${spec.short}`]),
  ]);
}

/**
 * The usage error for what node:util parseArgs refused, worded for a person: an unknown option
 * with the one probably meant (`--kye-id` → `--key-id`), a missing value, a value given to a
 * switch, a stray argument (most often a value with spaces left unquoted), each with a hint that
 * fits it (details.hint), which the runner prints in place of the registry's general advice.
 *
 * @example
 * throw usageProblem(command, parseError);
 */
export function usageProblem(command: CommandDefinition, error: unknown): ValidationError {
  const text = (error as Error).message.split('\n')[0] ?? '';
  const code = (error as { code?: string }).code;
  const quoted = /'([^']*)'/.exec(text)?.[1];
  const usage = `usage: datafold_cli crypto ${command.usage}`;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted !== undefined) {
    const option = quoted.split('=')[0]!;
    const meant = suggest(option, optionNames(command));
    return new ValidationError(
      'INVALID_ARGUMENT',
      meant === undefined
        ? `Unknown option ${option} for ${command.name}`
        : `Unknown option ${option}; did you mean ${meant}?`,
      {
        hint:
          meant === undefined
            ? `datafold_cli crypto ${command.name} --help lists its options`
            : usage,
        ...(meant === undefined ? {} : { suggestion: meant }),
      },
    );
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && quoted !== undefined) {
    const option = quoted.split(' ')[0]!;
    // parseArgs will not take a value that starts with "-" (a PEM key, a negative number) after
    // a space: it could be the next option. The = form says it is the value.
    if (/argument is ambiguous/.test(text)) {
      return new ValidationError('INVALID_ARGUMENT', `${option}'s value starts with "-"`, {
        hint: `write ${option}=VALUE for a value that starts with "-"`,
      });
    }
    const takesValue = /argument missing/.test(text);
    return new ValidationError(
      'INVALID_ARGUMENT',
      takesValue ? `${option} needs a value` : `${option} is a switch and takes no value`,
      {
        hint: takesValue
          ? `${usage} (a value that starts with "-" is written ${option}=VALUE)`
          : `write ${option} alone`,
      },
    );
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && quoted !== undefined) {
    return new ValidationError('INVALID_ARGUMENT', `Unexpected argument "${quoted}"`, {
      hint: `a value with spaces needs quotes, e.g. --message "Hello DataFold"; ${usage}`,
    });
  }
  return new ValidationError('INVALID_ARGUMENT', text, { hint: usage });
}

/**
 * The hint printed under an error: the error's own (details.hint), for a usage error without one
 * the command's usage line, else the registry's advice for the code.
 *
 * @example
 * out.error(error.code, error.message, hintFor(command, error));
 */
export function hintFor(
  command: CommandDefinition,
  error: { code: ErrorCode; details?: Readonly<Record<string, unknown>> },
): string | undefined {
  const own = error.details?.hint;
  if (typeof own === 'string') return own;
  if (error.code === 'INVALID_ARGUMENT') return `usage: datafold_cli crypto ${command.usage}`;
  return (ERROR_REGISTRY as Record<string, { fix?: string } | undefined>)[error.code]?.fix;
}
