/// <reference types="node" />

const ON = new Set(['1', 'true', 'yes', 'on']);
const DEBUG_LEVELS = new Set(['debug', 'trace']);

/**
 * Whether this run logs what it does (on stderr): `-v`/`--verbose`, `DATAFOLD_DEBUG=1` (the SDK's
 * switch), or `RUST_LOG` asking for debug or trace, as the API document tells users of the
 * original CLI to set it. RUST_LOG is read as env_logger directives, `level` or `target=level`
 * separated by commas; any debug or trace directive turns logging on, whatever its target.
 *
 * @example
 * wantsDebugLog(false, { RUST_LOG: 'datafold_cli=debug,hyper=info' }); // true
 */
export function wantsDebugLog(verbose: boolean, env: NodeJS.ProcessEnv): boolean {
  if (verbose) return true;
  if (ON.has((env.DATAFOLD_DEBUG ?? '').trim().toLowerCase())) return true;
  return (env.RUST_LOG ?? '')
    .split(',')
    .map((directive) => directive.split('=').pop()!.trim().toLowerCase())
    .some((level) => DEBUG_LEVELS.has(level));
}
