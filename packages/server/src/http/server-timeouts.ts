import type { ServerOptions as HttpOptions } from 'node:http';
import type { ServerOptions as HttpsOptions } from 'node:https';
import type { ServerConfig } from '../config/server-config.js';

/** The certificate and key of `--tls-cert/--tls-key`, read at start. */
export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

/** The Fastify options that make the HTTP(S) server enforce the configured timeouts. */
export interface ServerTimeoutOptions {
  http?: HttpOptions;
  https?: HttpsOptions;
  requestTimeout: number;
  keepAliveTimeout: number;
}

/**
 * How often Node looks for requests past their header or body deadline. Node's default is 30 s,
 * so a 10 s header timeout would really be anything up to 40 s; a tenth of the header timeout
 * (between 50 ms and 1 s) closes a stalled request at most that much late. Each sweep walks the
 * connections with a request in progress in native code, so running it often costs little.
 *
 * @example
 * connectionsCheckingInterval(10_000); // 1000
 */
export function connectionsCheckingInterval(headerTimeoutMs: number): number {
  return Math.min(1_000, Math.max(50, Math.floor(headerTimeoutMs / 10)));
}

/**
 * The server options for the three timeouts:
 *
 * - header: Node's `headersTimeout`. Node counts it from a request's first byte, and for a new
 *   connection from the moment it opened, so a connection that sends nothing is closed too. On
 *   TLS the handshake gets the same bound (`handshakeTimeout`, 120 s by default), so a client
 *   that never finishes it is not held longer than one that never finishes its headers.
 * - body: Node's `requestTimeout`, the whole request from its first byte.
 * - idle: `keepAliveTimeout`, between requests on a kept-alive connection.
 *
 * The first two are checked by a sweep every {@link connectionsCheckingInterval}, an option of the
 * server's constructor, so it goes in through Fastify's `http`/`https` options.
 *
 * @example
 * const app = Fastify({ ...serverTimeoutOptions(config, tls), logger: false });
 */
export function serverTimeoutOptions(
  config: ServerConfig,
  tls: TlsFiles | null,
): ServerTimeoutOptions {
  const server = {
    headersTimeout: config.headerTimeoutMs,
    requestTimeout: config.bodyTimeoutMs,
    keepAliveTimeout: config.idleTimeoutMs,
    connectionsCheckingInterval: connectionsCheckingInterval(config.headerTimeoutMs),
  };
  return {
    ...(tls
      ? { https: { ...tls, ...server, handshakeTimeout: config.headerTimeoutMs } }
      : { http: server }),
    // Fastify sets these two on the server it creates, over what the constructor was given.
    requestTimeout: config.bodyTimeoutMs,
    keepAliveTimeout: config.idleTimeoutMs,
  };
}
