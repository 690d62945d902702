import { hexToBytes } from '../encoding/hex.js';
import {
  isDataFoldError,
  ServerIntegrationError,
  ValidationError,
} from '../errors/datafold-error.js';
import { offerCachedKeyAnswers } from '../http-signatures/cached-key-answers.js';
import type { ResolvedRequestKey } from '../http-signatures/index.js';
import { PUBLIC_KEY_LENGTH } from '../keys/types.js';
import { createServerIntegration } from '../server-client/server-integration.js';
import { AnswerCache } from './answer-cache.js';

/** Options of {@link createDataFoldKeyResolver}. */
export interface DataFoldKeyResolverOptions {
  /** The DataFold server whose registrations name the keys, e.g. `https://keys.example`. */
  serverUrl: string;
  /**
   * The fetch that asks it (default globalThis.fetch). Pass `createSignedFetch(...)` when the
   * server runs with `--require-signed-requests`.
   */
  fetch?: typeof fetch;
  /**
   * How long an answer (an active key, or a refusal) is kept, in seconds: 0 to 60, default 5. A
   * revocation or rotation is honoured within this bound (spec/http-message-signatures-v1.md §3.2).
   */
  ttlSeconds?: number;
  /** At most this many answers are kept (default 10,000); the oldest goes first. */
  maxEntries?: number;
  /** How long one lookup may take, in ms (default 5,000); longer is a failed lookup. */
  timeoutMs?: number;
  /** The clock of the cache, ms since the epoch (tests). */
  now?: () => number;
}

/** Resolves a signature's `keyid` (a client id) to its registration's active key. */
export type RequestKeyResolver = (clientId: string) => Promise<ResolvedRequestKey>;

/** Seconds a caller is asked to wait when the key server cannot answer. */
export const KEY_SERVER_RETRY_AFTER_SECONDS = 1;

const DEFAULT_TTL_SECONDS = 5;
const MAX_TTL_SECONDS = 60;
const DEFAULT_MAX_ENTRIES = 10_000;
const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * A `resolveKey` for verifyRequest and the middleware that asks a DataFold server
 * (`GET /api/crypto/keys/status/{client_id}`): an active registration gives its key, any other
 * status is `inactive`, 404 CLIENT_NOT_FOUND is `unknown`. Answers are cached for `ttlSeconds`
 * (positive and negative alike) and concurrent lookups of one client share one request. When the
 * server cannot answer (network, timeout, 5xx, 429, a refusal of our own request) the lookup throws
 * SERVICE_UNAVAILABLE with `retry_after_seconds`: the middleware answers 503 and never accepts.
 *
 * @example
 * const resolveKey = createDataFoldKeyResolver({ serverUrl: 'http://localhost:9001', ttlSeconds: 5 });
 * const answer = await resolveKey('alice'); // { status: 'active', publicKey } | { status: 'inactive' } | ...
 */
export function createDataFoldKeyResolver(options: DataFoldKeyResolverOptions): RequestKeyResolver {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('INVALID_ARGUMENT', 'options must be { serverUrl, ttlSeconds? }');
  }
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  if (typeof ttlSeconds !== 'number' || !(ttlSeconds >= 0 && ttlSeconds <= MAX_TTL_SECONDS)) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      `ttlSeconds must be a number from 0 to ${MAX_TTL_SECONDS} (spec/http-message-signatures-v1.md §3.2)`,
    );
  }
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 0) {
    throw new ValidationError('INVALID_ARGUMENT', 'maxEntries must be a non-negative integer');
  }
  // The server client owns the wire contract (base URL rules, the envelope, the status's fields).
  // One attempt: a request is waiting, and the 503 tells its sender when to retry.
  const server = createServerIntegration({
    baseUrl: options.serverUrl,
    retries: 0,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const cache = new AnswerCache<ResolvedRequestKey>({
    ttlMs: ttlSeconds * 1000,
    maxEntries,
    now: options.now ?? Date.now,
  });
  const lookUp = async (clientId: string): Promise<ResolvedRequestKey> => {
    try {
      const registration = await server.checkRegistrationStatus(clientId);
      if (registration.status !== 'active') return { status: 'inactive' };
      const publicKey = hexToBytes(registration.publicKey);
      if (publicKey.length !== PUBLIC_KEY_LENGTH) {
        throw new ServerIntegrationError('INVALID_RESPONSE', 'the status names no 32-byte key');
      }
      return { status: 'active', publicKey };
    } catch (error) {
      if (isNoSuchClient(error)) return { status: 'unknown' };
      throw unavailable(error);
    }
  };
  const resolveKey: RequestKeyResolver = (clientId) => cache.get(clientId, () => lookUp(clientId));
  // The verifier reads a fresh answer without a promise (http-signatures/cached-key-answers.ts).
  offerCachedKeyAnswers(resolveKey, (clientId) => cache.peek(clientId));
  return resolveKey;
}

/** The server's answers that mean no registration can exist under this id. */
function isNoSuchClient(error: unknown): boolean {
  return (
    error instanceof ServerIntegrationError &&
    error.fromServer &&
    ((error.httpStatus === 404 && error.code === 'CLIENT_NOT_FOUND') ||
      (error.httpStatus === 400 && error.code === 'INVALID_CLIENT_ID'))
  );
}

function unavailable(error: unknown): ServerIntegrationError {
  const reason = isDataFoldError(error) ? error.code : 'INVALID_RESPONSE';
  return new ServerIntegrationError(
    'SERVICE_UNAVAILABLE',
    'the DataFold key server could not be asked for the signing key; retry shortly',
    { details: { reason, retry_after_seconds: KEY_SERVER_RETRY_AFTER_SECONDS }, cause: error },
  );
}
