import { suggest, ValidationError } from '@datafold/js-sdk';

/**
 * A command line `datafold-server` cannot read: an unknown command or option, a missing value.
 * It exits 2, as `datafold_cli` does, and names what was probably meant.
 *
 * @example
 * throw new UsageError('unknown command "tokn"', { typed: 'tokn', candidates: ['token', 'audit'] });
 */
export class UsageError extends ValidationError {
  constructor(message: string, guess?: { typed: string; candidates: readonly string[] }) {
    const meant = guess ? suggest(guess.typed, guess.candidates) : undefined;
    super('INVALID_ARGUMENT', meant ? `${message}; did you mean ${meant}?` : message, {
      ...(meant ? { suggestion: meant } : {}),
    });
    this.name = 'UsageError';
  }
}

/**
 * The process exit code of a failure, as `datafold_cli` numbers them (spec/cli-exit-codes.md):
 * 2 invalid arguments (a command line that cannot be read, or an argument refused, e.g.
 * `--role root`), 3 a configuration value refused, 1 anything else (the database, the port, the
 * data directory lock, an unknown token id). `audit verify` exits 8 for a broken chain.
 *
 * @example
 * process.exit(exitCodeOf(error));
 */
export function exitCodeOf(error: unknown): number {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'INVALID_ARGUMENT') return 2;
  if (code === 'INVALID_CONFIG') return 3;
  return 1;
}
