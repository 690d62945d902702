// The benches' command-line options: `--name value` pairs and bare `--flag`s, nothing more, so
// every bench reads its options the same way without a parser dependency.

/**
 * The value after `name` on the command line, or `fallback` when the option is absent.
 *
 * @example
 * const dir = argValue('--profile'); // undefined unless `--profile DIR` was given
 */
export function argValue(name, fallback = undefined) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/**
 * The number after `name`, or `fallback`; a value that is not a number stops the bench with a
 * message rather than running it with NaN.
 *
 * @example
 * const ROUNDS = numberArg('--rounds', 6);
 */
export function numberArg(name, fallback) {
  const value = argValue(name);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number)) {
    console.error(`${name} takes a number, not ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return number;
}

/**
 * True when the bare flag `name` was given.
 *
 * @example
 * const PARTS = flag('--parts');
 */
export function flag(name) {
  return process.argv.includes(name);
}
