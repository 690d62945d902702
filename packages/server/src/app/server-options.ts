import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { LogController, type FastifyServerOptions } from 'fastify';
import type { ServerConfig } from '../config/server-config.js';
import { fastifyTrustProxy } from '../config/trust-proxy.js';
import { replyToClientError } from '../http/client-error-reply.js';
import type { OverheadPart } from '../http/overhead-parts.js';
import { REQUEST_ID_LOG_LABEL } from '../http/request-hooks.js';
import { serverTimeoutOptions } from '../http/server-timeouts.js';
import { gatheredStdout } from './log-destination.js';
import { requestLogger } from './request-logger.js';

/**
 * The Fastify server options of a configuration: logs without bodies or credentials, one log
 * line per request, the body limit, client addresses behind trusted proxies only, the header,
 * body and idle timeouts, TLS when configured, and client errors answered in the envelope.
 *
 * @example
 * const app = Fastify(serverOptions(config));
 */
export function serverOptions(
  config: ServerConfig,
  logger: FastifyServerOptions['logger'] | undefined,
  leaveOut: ReadonlySet<OverheadPart> = new Set(),
): FastifyServerOptions {
  const tls =
    config.tlsCertPath && config.tlsKeyPath
      ? { cert: readFileSync(config.tlsCertPath), key: readFileSync(config.tlsKeyPath) }
      : null;
  return {
    logger: leaveOut.has('logging')
      ? false
      : (logger ?? {
          level: config.logLevel,
          stream: gatheredStdout(),
          // Never bodies, never credentials: requests are logged as method, route and id only.
          redact: ['req.headers.authorization'],
          serializers: {
            req: (req: { method: string; url: string; id: string }) => ({
              method: req.method,
              url: req.url.split('?')[0],
              id: req.id,
            }),
          },
        }),
    // One line per request, written by addRequestHooks, instead of Fastify's two.
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: REQUEST_ID_LOG_LABEL,
    }),
    // Each request's own logger is built only if the request logs something beyond that line.
    ...(leaveOut.has('logging') ? {} : { childLoggerFactory: requestLogger }),
    bodyLimit: config.bodyLimit,
    // A client id in a path is refused by its schema (400 INVALID_CLIENT_ID) at any length, not
    // cut off by the router with a 414 outside the envelope.
    routerOptions: { maxParamLength: 16 * 1024 },
    // request.ip, which the per-IP limit and the audit log use, comes from X-Forwarded-For only
    // when the peer is a trusted proxy; unset, it is the TCP peer and the header is ignored.
    trustProxy: fastifyTrustProxy(config.trustProxy),
    genReqId: leaveOut.has('request-ids') ? () => '' : () => randomUUID(),
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Header, body and idle timeouts (and the TLS certificate, when there is one).
    ...serverTimeoutOptions(config, tls),
    clientErrorHandler: replyToClientError,
  };
}
