import { availableParallelism } from 'node:os';
import type { TrustProxy } from './trust-proxy.js';

/**
 * Everything `datafold-server` can be told at start. `loadConfig` builds it from flags and the
 * environment; `buildApp` takes it as is, so tests construct one directly.
 *
 * @example
 * const config: ServerConfig = { ...defaultConfig(), dataDir: tmp };
 */
export interface ServerConfig {
  host: string;
  port: number;
  /** Directory of the embedded SQLite database; created when missing. */
  dataDir: string;
  /** `postgres://…` switches storage to PostgreSQL; null keeps SQLite. */
  databaseUrl: string | null;
  /**
   * `redis://…` shares rate limits and the nonces of signed requests across instances; null keeps
   * rate limits in memory and the nonces in the database.
   */
  redisUrl: string | null;
  tlsCertPath: string | null;
  tlsKeyPath: string | null;
  /** Exact origins allowed by CORS; empty allows none. */
  corsOrigins: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Largest accepted request body in bytes; larger answers 413 PAYLOAD_TOO_LARGE. */
  bodyLimit: number;
  /** Requests per minute from one IP address (`request.ip`); 0 disables the limit. */
  rateLimitPerIp: number;
  /**
   * Proxies whose `X-Forwarded-For` names the client (`--trust-proxy`); null trusts none, so
   * `request.ip` is the TCP peer.
   */
  trustProxy: TrustProxy | null;
  /** Verifications, revocations and rotations per minute that succeeded for one client; 0 = off. */
  rateLimitPerClient: number;
  /** Answers 4xx (but 429) per minute to one address before it is refused; 0 = off. */
  rateLimitFailuresPerIp: number;
  /** Registrations per minute that succeeded from one address; 0 = off. */
  rateLimitRegistrationsPerIp: number;
  /**
   * Registration must carry a proof of possession (the default). Off only with
   * `--allow-unproven-registration`, for existing DataFold clients that send none: then anyone
   * can register a public key they copied and lock its owner out.
   */
  requireProof: boolean;
  /**
   * Every route under `/api/crypto/` but registration requires an RFC 9421 signature by the
   * client's active key (spec/http-message-signatures-v1.md §5). Off by default: existing DataFold
   * clients do not sign requests.
   */
  requireSignedRequests: boolean;
  /**
   * The origin clients send requests to (`https://keys.example`), which rebuilds a signed
   * request's `@target-uri` behind a proxy; null: the `Host` field and the connection's scheme
   * (or trusted proxies' `X-Forwarded-*`).
   */
  publicUrl: string | null;
  /**
   * When serve finds no active admin token, it creates one and prints a dashboard sign-in link
   * carrying it: `auto` (the default) only when stdout is a terminal a person reads, `always`
   * also when it is not (a test, a supervisor asked to), `never` not at all. The link goes to
   * stdout only, never to the logs.
   */
  signInLink: SignInLinkMode;
  /** Largest allowed distance between a statement's timestamp and the server clock. */
  statementWindowMs: number;
  /** Verify lookups kept in memory, kept current by the change feed (0 turns the cache off). */
  verifyCacheSize: number;
  /** How often verify's `last_used` updates are written in one batch. */
  lastUsedFlushMs: number;
  /** Verify signatures on a second thread (1) or on the event loop (0). */
  verifyThreads: number;
  /**
   * A request's headers must have arrived this many ms after its first byte (after the
   * connection opened, or the TLS handshake began, for the first request); else 408 and closed.
   */
  headerTimeoutMs: number;
  /** The whole request, headers and body, must have arrived this many ms after its first byte. */
  bodyTimeoutMs: number;
  /** A kept-alive connection with no request in progress is closed after this many ms. */
  idleTimeoutMs: number;
}

/** When serve prints a first-start sign-in link (see ServerConfig.signInLink). */
export const SIGN_IN_LINK_MODES = ['auto', 'always', 'never'] as const;
export type SignInLinkMode = (typeof SIGN_IN_LINK_MODES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The defaults: loopback only, SQLite in `./.datafold-data`, no CORS, proofs of possession
 * required.
 *
 * @example
 * const config = { ...defaultConfig(), port: 0 };
 */
export function defaultConfig(): ServerConfig {
  return {
    host: '127.0.0.1',
    port: 9001,
    dataDir: '.datafold-data',
    databaseUrl: null,
    redisUrl: null,
    tlsCertPath: null,
    tlsKeyPath: null,
    corsOrigins: [],
    logLevel: 'info',
    bodyLimit: 64 * 1024,
    rateLimitPerIp: 60_000,
    trustProxy: null,
    rateLimitPerClient: 6_000,
    rateLimitFailuresPerIp: 600,
    rateLimitRegistrationsPerIp: 600,
    requireProof: true,
    requireSignedRequests: false,
    publicUrl: null,
    signInLink: 'auto',
    statementWindowMs: 5 * 60 * 1000,
    lastUsedFlushMs: 1000,
    verifyCacheSize: 100_000,
    // A second thread only helps when there is a second core to run it.
    verifyThreads: availableParallelism() > 1 ? 1 : 0,
    // Vault's listener defaults for header and whole-request reads: generous for any real client
    // (bodies are at most 16 MiB), short enough that a stalled connection is not held for a minute.
    headerTimeoutMs: 10_000,
    bodyTimeoutMs: 30_000,
    // Longer than the 60 s idle timeout of common load balancers, so the balancer, not the
    // server, closes an idle connection and never sends a request into one being closed.
    idleTimeoutMs: 72_000,
  };
}
