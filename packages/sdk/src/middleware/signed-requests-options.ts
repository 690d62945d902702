import { ValidationError } from '../errors/datafold-error.js';
import {
  createMemoryReplayStore,
  REQUEST_SIGNATURE_TIME,
  type ReplayStore,
  type VerifiedRequest,
} from '../http-signatures/index.js';
import type { NowOrLater } from '../http-signatures/now-or-later.js';
import { verifyHttpMessageNowOrLater } from '../http-signatures/verify-http-message.js';
import { messageBuilder, type IncomingParts, type OriginOptions } from './incoming-message.js';
import {
  createDataFoldKeyResolver,
  type DataFoldKeyResolverOptions,
  type RequestKeyResolver,
} from './key-resolver.js';

/**
 * The options both middleware faces take: where keys come from (`resolveKey`, or `serverUrl` and
 * the resolver's settings), the replay store, the time window and the public origin.
 */
export interface SignedRequestsOptions extends OriginOptions {
  /** Resolves `keyid` to the client's active key; give this or `serverUrl`. */
  resolveKey?: RequestKeyResolver;
  /** A DataFold server to resolve keys from (createDataFoldKeyResolver); give this or `resolveKey`. */
  serverUrl?: string;
  /** The fetch that asks `serverUrl` (a signed fetch when it requires signed requests). */
  fetch?: DataFoldKeyResolverOptions['fetch'];
  /** Seconds a key server answer is cached: 0 to 60, default 5 (spec §3.2). */
  ttlSeconds?: number;
  /** Answers the key cache holds at most (default 10,000). */
  maxEntries?: number;
  /**
   * Where nonces are recorded (spec §3.1). Default: one memory store per middleware, which is
   * right for one process; several processes behind one address need a shared store.
   */
  replayStore?: ReplayStore;
  /** Maximum age of a signature in seconds (default 300, 1 to 3,600). */
  maxAge?: number;
  /** Allowed clock skew in seconds (default 30, 0 to 300). */
  clockSkew?: number;
  /** Clock in ms since the epoch (tests). */
  now?: () => number;
}

/**
 * One verification of an incoming request, set up once per middleware: the verified request at
 * once when nothing had to wait (verifyHttpMessageNowOrLater), else its promise. A refusal is
 * thrown, or rejects.
 */
export type IncomingVerifier = ((parts: IncomingParts) => NowOrLater<VerifiedRequest>) & {
  /** Signatures created before this second are refused (the replay store's `notBefore`, spec §3.1). */
  readonly acceptsFrom: number;
};

/**
 * Checks the options once, at start-up (a wrong setting fails the app's boot, not a request), and
 * returns the function both faces call for every request.
 *
 * @example
 * const verifyIncoming = createIncomingVerifier({ serverUrl: 'http://localhost:9001' });
 * const verified = await verifyIncoming({ method, url, rawHeaders, encrypted, body });
 */
export function createIncomingVerifier(options: SignedRequestsOptions): IncomingVerifier {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      'options must be { serverUrl } or { resolveKey }',
    );
  }
  for (const [name, range] of [
    ['maxAge', REQUEST_SIGNATURE_TIME.maxAgeRange],
    ['clockSkew', REQUEST_SIGNATURE_TIME.clockSkewRange],
  ] as const) {
    const value = options[name];
    if (
      value !== undefined &&
      !(Number.isSafeInteger(value) && value >= range[0] && value <= range[1])
    ) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `${name} must be an integer number of seconds from ${range[0]} to ${range[1]} (spec §3 step 6)`,
      );
    }
  }
  const resolveKey = keySource(options);
  const replayStore = options.replayStore ?? createMemoryReplayStore();
  const toMessage = messageBuilder(options);
  const verifyOptions = {
    resolveKey,
    replayStore,
    ...(options.maxAge === undefined ? {} : { maxAge: options.maxAge }),
    ...(options.clockSkew === undefined ? {} : { clockSkew: options.clockSkew }),
    ...(options.now === undefined ? {} : { now: options.now }),
  };
  return Object.assign(
    (parts: IncomingParts) => verifyHttpMessageNowOrLater(toMessage(parts), verifyOptions),
    { acceptsFrom: replayStore.notBefore ?? 0 },
  );
}

function keySource(options: SignedRequestsOptions): RequestKeyResolver {
  const hasResolver = options.resolveKey !== undefined;
  const hasServer = options.serverUrl !== undefined;
  if (hasResolver === hasServer) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      'give exactly one key source: serverUrl (a DataFold server) or resolveKey (your own lookup)',
    );
  }
  if (hasResolver) {
    if (typeof options.resolveKey !== 'function') {
      throw new ValidationError('INVALID_ARGUMENT', 'resolveKey must be a function');
    }
    return options.resolveKey;
  }
  return createDataFoldKeyResolver({
    serverUrl: options.serverUrl!,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.ttlSeconds === undefined ? {} : { ttlSeconds: options.ttlSeconds }),
    ...(options.maxEntries === undefined ? {} : { maxEntries: options.maxEntries }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
}
