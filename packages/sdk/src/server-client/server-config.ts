import { ValidationError } from '../errors/datafold-error.js';
import type { TransportSettings } from './http-transport.js';
import type { ServerConfig } from './types.js';

/** Defaults of the seed's client: 30 s per attempt, 3 retries. */
export const SERVER_CLIENT_DEFAULTS = {
  timeout: 30_000,
  retries: 3,
  retryDelayMs: 250,
  maxRetryDelayMs: 30_000,
} as const;

function integer(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      `${name} must be an integer from ${min} to ${max}`,
    );
  }
  return value;
}

/**
 * Checks a {@link ServerConfig} and fills in the defaults. Errors: INVALID_ARGUMENT naming the
 * setting (a base URL that is not http(s), with credentials, a query or a fragment; numbers out of
 * range; no fetch on this platform).
 *
 * @example
 * const settings = resolveServerConfig({ baseUrl: 'http://localhost:9001/' });
 * settings.baseUrl; // 'http://localhost:9001'
 */
export function resolveServerConfig(config: ServerConfig): TransportSettings {
  if (typeof config !== 'object' || config === null) {
    throw new ValidationError('INVALID_ARGUMENT', 'config must be { baseUrl, timeout?, retries? }');
  }
  let url: URL;
  try {
    url = new URL(config.baseUrl);
  } catch {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      'baseUrl must be an absolute http(s) URL, like http://localhost:9001',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ValidationError('INVALID_ARGUMENT', 'baseUrl must use http or https');
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      'baseUrl must not carry credentials, a query or a fragment',
    );
  }
  const fetchImpl = config.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new ValidationError('INVALID_ARGUMENT', 'no fetch on this platform: pass config.fetch');
  }
  const d = SERVER_CLIENT_DEFAULTS;
  const headers = config.headers ?? {};
  if (typeof headers !== 'object' || headers === null) {
    throw new ValidationError('INVALID_ARGUMENT', 'headers must be an object of strings');
  }
  if (config.onRetry !== undefined && typeof config.onRetry !== 'function') {
    throw new ValidationError('INVALID_ARGUMENT', 'onRetry must be a function');
  }
  return {
    baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}`,
    timeout: integer(config.timeout ?? d.timeout, 'timeout', 1, 600_000),
    retries: integer(config.retries ?? d.retries, 'retries', 0, 10),
    retryDelayMs: integer(config.retryDelayMs ?? d.retryDelayMs, 'retryDelayMs', 0, 60_000),
    maxRetryDelayMs: integer(
      config.maxRetryDelayMs ?? d.maxRetryDelayMs,
      'maxRetryDelayMs',
      0,
      600_000,
    ),
    // Bound to globalThis: browsers refuse fetch called with another `this`.
    fetch: config.fetch ?? globalThis.fetch.bind(globalThis),
    headers: { ...headers },
    ...(config.onRetry === undefined ? {} : { onRetry: config.onRetry }),
  };
}
