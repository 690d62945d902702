/**
 * Takes `--name value` (or `--name=value`) out of argv and returns the value, or undefined when
 * the option is absent. What is left is read by loadConfig, which refuses unknown options.
 *
 * @example
 * const args = ['--role', 'admin', '--port', '1']; takeOption(args, '--role'); // 'admin', args: ['--port', '1']
 */
export function takeOption(argv: string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  const arg = argv[i]!;
  if (arg.includes('=')) {
    argv.splice(i, 1);
    return arg.slice(name.length + 1);
  }
  const value = argv[i + 1];
  argv.splice(i, 2);
  return value;
}

/**
 * Takes a boolean flag (`--all`) out of argv and says whether it was there.
 *
 * @example
 * const args = ['--all', '--port', '1']; takeFlag(args, '--all'); // true, args: ['--port', '1']
 */
export function takeFlag(argv: string[], name: string): boolean {
  const i = argv.indexOf(name);
  if (i < 0) return false;
  argv.splice(i, 1);
  return true;
}
