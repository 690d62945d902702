import { ServerIntegrationError } from '../errors/datafold-error.js';
import { ERROR_REGISTRY, type ErrorCode } from '../errors/registry.js';
import { randomBytes } from '../platform/webcrypto.js';
import { debugLog } from '../utils/debug-log.js';
import type { RetryEvent } from './types.js';

/** The resolved settings one transport runs with. */
export interface TransportSettings {
  baseUrl: string;
  timeout: number;
  retries: number;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  fetch: typeof fetch;
  headers: Record<string, string>;
  onRetry?: (event: RetryEvent) => void;
}

/** One request: method, path under the base URL, optional JSON body. */
export interface TransportRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  signal?: AbortSignal;
  /** Attempts beyond the first; default the transport's `retries`. */
  retries?: number;
}

/** A parsed answer: the HTTP status and the JSON body. */
export interface TransportResponse {
  status: number;
  body: unknown;
  attempts: number;
}

class RetryableFailure {
  constructor(
    readonly error: ServerIntegrationError,
    readonly retryAfterMs?: number,
  ) {}
}

/**
 * Sends one request with retries: network errors, timeouts, 5xx and 429 are retried with
 * exponential backoff and jitter (honouring `Retry-After` on 429 and 503, RFC 9110 §10.2.3);
 * other 4xx never are. Each attempt has its own timeout through an AbortSignal; the caller's
 * signal aborts everything at once. A retried request is sent byte for byte again, so a signed
 * statement keeps its nonce and the server refuses a replay rather than applying twice.
 *
 * @example
 * const { status, body } = await sendRequest(settings, { method: 'GET', path: '/api/crypto/status' });
 */
export async function sendRequest(
  settings: TransportSettings,
  request: TransportRequest,
): Promise<TransportResponse> {
  const retries = request.retries ?? settings.retries;
  for (let attempt = 1; ; attempt++) {
    debugLog('server.request', { method: request.method, path: request.path, attempt });
    const outcome = await attemptOnce(settings, request, attempt).catch((error: unknown) => {
      debugLog('server.failed', { method: request.method, path: request.path, ...codeOf(error) });
      throw error;
    });
    if (!(outcome instanceof RetryableFailure)) {
      debugLog('server.response', {
        method: request.method,
        path: request.path,
        status: outcome.status,
      });
      return { ...outcome, attempts: attempt };
    }
    if (attempt > retries || request.signal?.aborted === true) {
      throw withAttempts(outcome.error, attempt);
    }
    const backoff = backoffDelay(settings, attempt);
    const delayMs = Math.max(backoff, outcome.retryAfterMs ?? 0);
    if (delayMs > settings.maxRetryDelayMs) {
      // The server asks for a longer pause than the caller allows: report, do not sleep.
      throw withAttempts(outcome.error, attempt, { retryAfterMs: delayMs });
    }
    debugLog('server.retry', { path: request.path, code: outcome.error.code, attempt, delayMs });
    settings.onRetry?.({
      attempt,
      delayMs,
      code: outcome.error.code,
      ...(outcome.error.fromServer ? { httpStatus: outcome.error.httpStatus } : {}),
      path: request.path,
    });
    await sleep(delayMs, request.signal);
  }
}

async function attemptOnce(
  settings: TransportSettings,
  request: TransportRequest,
  attempt: number,
): Promise<{ status: number; body: unknown } | RetryableFailure> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), settings.timeout);
  const signal =
    request.signal === undefined ? timeout.signal : anySignal([request.signal, timeout.signal]);
  let response: Response;
  let text: string;
  try {
    response = await settings.fetch(`${settings.baseUrl}${request.path}`, {
      method: request.method,
      headers: {
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...settings.headers,
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal,
    });
    text = await response.text();
  } catch (error) {
    if (request.signal?.aborted === true) {
      throw new ServerIntegrationError('NETWORK_ERROR', 'The request was aborted by the caller', {
        details: { path: request.path, attempts: attempt },
        cause: error,
      });
    }
    const timedOut = timeout.signal.aborted;
    return new RetryableFailure(
      new ServerIntegrationError(
        timedOut ? 'TIMEOUT' : 'NETWORK_ERROR',
        timedOut
          ? `No answer from ${settings.baseUrl} within ${settings.timeout} ms: check the server, or raise timeout`
          : `Could not reach ${settings.baseUrl}: check the URL, that the server runs, and CORS for browsers`,
        { details: { path: request.path }, cause: error },
      ),
    );
  } finally {
    clearTimeout(timer);
  }
  let body: unknown;
  try {
    body = text.length === 0 ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  const status = response.status;
  if (status < 400) return { status, body };
  const error = errorFromEnvelope(status, body, request.path);
  if (status === 429 || status >= 500) {
    return new RetryableFailure(error, retryAfterMs(response.headers.get('retry-after')));
  }
  throw error;
}

function codeOf(error: unknown): Record<string, unknown> {
  return error instanceof ServerIntegrationError
    ? { code: error.code, ...(error.fromServer ? { status: error.httpStatus } : {}) }
    : {};
}

/** The server's error envelope as a coded error; anything else as INVALID_RESPONSE. */
export function errorFromEnvelope(
  status: number,
  body: unknown,
  path: string,
): ServerIntegrationError {
  const envelope = body as { error?: { code?: unknown; message?: unknown; details?: unknown } };
  const code = envelope?.error?.code;
  if (typeof code === 'string' && typeof envelope.error?.message === 'string') {
    const known = Object.hasOwn(ERROR_REGISTRY, code);
    const details =
      typeof envelope.error.details === 'object' && envelope.error.details !== null
        ? { ...(envelope.error.details as Record<string, unknown>) }
        : {};
    return new ServerIntegrationError(
      known ? (code as ErrorCode) : status >= 500 ? 'INTERNAL_ERROR' : 'INVALID_RESPONSE',
      envelope.error.message,
      { httpStatus: status, details: known ? details : { ...details, serverCode: code, path } },
    );
  }
  return new ServerIntegrationError(
    status >= 500 ? 'SERVICE_UNAVAILABLE' : 'INVALID_RESPONSE',
    `The server answered ${status} without the DataFold error envelope: is ${path} a DataFold server route?`,
    { httpStatus: status, details: { path } },
  );
}

function withAttempts(
  error: ServerIntegrationError,
  attempts: number,
  extra: Record<string, unknown> = {},
): ServerIntegrationError {
  return new ServerIntegrationError(error.code, error.message, {
    ...(error.fromServer ? { httpStatus: error.httpStatus } : {}),
    details: { ...error.details, attempts, ...extra },
    cause: error.cause,
  });
}

/** Exponential backoff with "equal jitter": half the step fixed, half random. */
function backoffDelay(settings: TransportSettings, attempt: number): number {
  const step = Math.min(settings.maxRetryDelayMs, settings.retryDelayMs * 2 ** (attempt - 1));
  const random = randomBytes(4);
  const unit =
    (random[0]! * 2 ** 24 + random[1]! * 2 ** 16 + random[2]! * 2 ** 8 + random[3]!) / 2 ** 32;
  return Math.round(step / 2 + (unit * step) / 2);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string | null): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function anySignal(signals: AbortSignal[]): AbortSignal {
  const any = (AbortSignal as { any?: (s: AbortSignal[]) => AbortSignal }).any;
  if (typeof any === 'function') return any(signals);
  const controller = new AbortController();
  for (const s of signals) {
    if (s.aborted) controller.abort(s.reason);
    else s.addEventListener('abort', () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
