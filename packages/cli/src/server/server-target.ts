import type { CliConfig } from '../config/cli-config.js';
import { usageError } from '../errors/usage-error.js';
import type { Context } from '../cli/context.js';
import { createServerApi, type ServerApi } from './server-api.js';

/**
 * The server a command talks to: --server, else the registration's, else the configured
 * default_url; the timeout from --timeout or the configuration (default 30 s).
 *
 * @example
 * const api = await serverFor(ctx, options.server);
 */
export async function serverFor(
  ctx: Context,
  given: string | undefined,
  fallback?: string,
  timeout?: string,
): Promise<ServerApi> {
  const config = await ctx.loadConfig();
  const url = given ?? fallback ?? config?.crypto?.server?.default_url ?? 'http://localhost:9001';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw usageError(`--server must be a URL like http://localhost:9001 (got "${url}")`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw usageError(`--server must be http:// or https:// (got "${url}")`);
  const timeoutMs = timeoutFor(config, timeout);
  const retries = config?.crypto?.server?.retry_attempts ?? 3;
  return createServerApi({
    url: parsed.toString().replace(/\/$/, ''),
    timeoutMs,
    retries: Number.isSafeInteger(retries) && retries >= 0 && retries <= 10 ? retries : 3,
    onRetry: (e) =>
      ctx.out.warn(
        `${e.code} from ${parsed.origin}${e.path}; retry ${e.attempt} in ${Math.round(e.delayMs)} ms`,
      ),
  });
}

/**
 * How long a request may take, in ms: --timeout, else the configuration's
 * `crypto.server.timeout`, else 30 s.
 *
 * @example
 * const timeoutMs = timeoutFor(await ctx.loadConfig(), optionalString(options, 'timeout'));
 */
export function timeoutFor(config: CliConfig | undefined, given: string | undefined): number {
  if (given === undefined) return config?.crypto?.server?.timeout ?? 30000;
  if (!/^[0-9]+$/.test(given) || Number(given) < 1) {
    throw usageError('--timeout must be milliseconds');
  }
  return Number(given);
}
