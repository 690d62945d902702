import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ServerConfig } from '../config/server-config.js';
import { fastifyTrustProxy } from '../config/trust-proxy.js';
import { databaseFault, loggableDatabaseError } from '../db/database-fault.js';
import { migrateToLatest } from '../db/migrate-to-latest.js';
import { openDatabase, type OpenDatabase } from '../db/open-database.js';
import { KeyLifecycleService } from '../domain/key-lifecycle-service.js';
import { RegistrationService } from '../domain/registration-service.js';
import { VerificationService } from '../domain/verification-service.js';
import { VerifyThread } from '../domain/verify-thread.js';
import {
  MemoryRateLimitStore,
  RateLimiter,
  RedisRateLimitStore,
  type RateLimitStore,
} from '../http/rate-limiter.js';
import { adminDashboardRoutes } from '../http/routes/admin-dashboard-routes.js';
import { adminRoutes } from '../http/routes/admin-routes.js';
import { adminTokenRoutes } from '../http/routes/admin-token-routes.js';
import { replyToClientError } from '../http/client-error-reply.js';
import { limitJsonDepth } from '../http/json-depth.js';
import { answerUnroutedRequests } from '../http/method-not-allowed.js';
import { addRequestHooks } from '../http/request-hooks.js';
import { keyRoutes } from '../http/routes/key-routes.js';
import { serviceRoutes } from '../http/routes/service-routes.js';
import { verifyRoute } from '../http/routes/verify-route.js';
import { serveDashboard } from '../http/serve-dashboard.js';
import { serverTimeoutOptions } from '../http/server-timeouts.js';
import { ServerMetrics } from '../metrics/server-metrics.js';
import type { AppContext } from './app-context.js';
import { SERVER_VERSION } from '../version.js';
import { toErrorReply } from './error-reply.js';
import { buildStorageLayer } from './storage-layer.js';

/** Test and embedding hooks; production uses the defaults. */
export interface BuildAppOptions {
  /** A pino logger configuration or false; defaults to JSON logs at the configured level. */
  logger?: FastifyServerOptions['logger'];
  /** The server's clock (statement windows, token expiry), for tests of either. */
  now?: () => number;
  /** Shared counters for rate limits (Redis); defaults to this process's memory. */
  rateLimitStore?: RateLimitStore;
  /** An already open database; by default one is opened from the config. */
  database?: OpenDatabase;
}

/**
 * The services and repositories of an app built by `buildApp`, for embedding and tests.
 *
 * @example
 * await createAdminToken(appContext(app).tokens, 'admin');
 */
export function appContext(app: FastifyInstance): AppContext {
  return (app as unknown as { datafold: AppContext }).datafold;
}

/**
 * Settings an operator chose that weaken a protection: logged at start and listed by
 * /api/health until they are changed.
 *
 * @example
 * startupWarnings({ ...defaultConfig(), requireProof: false }); // ['registration without proof …']
 */
export function startupWarnings(config: ServerConfig): string[] {
  return config.requireProof
    ? []
    : [
        'registration without proof of possession is allowed (--allow-unproven-registration): ' +
          'anyone can register a public key they copied and lock its owner out; turn it off once existing clients send proofs',
      ];
}

/** Connects to Redis (REDIS_URL) for rate limits shared by every instance. */
async function redisStore(url: string): Promise<RateLimitStore> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    lazyConnect: true,
  });
  redis.on('error', () => undefined); // reported per request by the limiter, not as a crash
  await redis.connect();
  return new RedisRateLimitStore(redis);
}

/**
 * Builds the Fastify app: opens the database and runs its migrations, wires repositories and
 * services, registers plugins and every route. It does not listen; `main` does, and tests call
 * `app.inject()`. Closing the app flushes buffered writes and closes the database.
 *
 * @example
 * const app = await buildApp({ ...defaultConfig(), dataDir: tmp }, { logger: false });
 * const res = await app.inject({ method: 'GET', url: '/api/health' });
 */
export async function buildApp(
  config: ServerConfig,
  options: BuildAppOptions = {},
): Promise<FastifyInstance> {
  // The logger exists only once Fastify does; connections lost before then have no one to tell.
  let onConnectionLost: (error: Error) => void = () => undefined;
  const database =
    options.database ??
    openDatabase(config, {
      command: 'datafold-server serve',
      onConnectionError: (error) => onConnectionLost(error),
    });
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw new Error(`cannot open the database ${database.location}`, { cause: error });
  }
  const tls =
    config.tlsCertPath && config.tlsKeyPath
      ? { cert: readFileSync(config.tlsCertPath), key: readFileSync(config.tlsKeyPath) }
      : null;
  const app = Fastify({
    logger: options.logger ?? {
      level: config.logLevel,
      // Never bodies, never credentials: requests are logged as method, route and id only.
      redact: ['req.headers.authorization'],
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({
          method: req.method,
          url: req.url.split('?')[0],
          id: req.id,
        }),
      },
    },
    // One line per request, written by addRequestHooks, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimit,
    // A client id in a path is refused by its schema (400 INVALID_CLIENT_ID) at any length, not
    // cut off by the router with a 414 outside the envelope.
    routerOptions: { maxParamLength: 16 * 1024 },
    // request.ip, which the per-IP limit and the audit log use, comes from X-Forwarded-For only
    // when the peer is a trusted proxy; unset, it is the TCP peer and the header is ignored.
    trustProxy: fastifyTrustProxy(config.trustProxy),
    genReqId: () => randomUUID(),
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Header, body and idle timeouts (and the TLS certificate, when there is one).
    ...serverTimeoutOptions(config, tls),
    clientErrorHandler: replyToClientError,
  }) as unknown as FastifyInstance;

  // Gauges and counters read their sources when called, by which time the storage exists.
  const metrics: ServerMetrics = new ServerMetrics({
    countRegistrations: () => storage.registrations.countByStatus(),
    databaseUp: () => storage.health.view().status === 'up',
    changeFeedLive: () => storage.feed.usable(),
    auditChainIntact: () => storage.lastChainReport()?.ok ?? null,
  });
  const storage = buildStorageLayer(
    config,
    database,
    app.log,
    {
      cacheLookup: (result) => metrics.observeCacheLookup(result),
      databaseFault: (reason) => metrics.observeDatabaseFault(reason),
    },
    options.now,
  );
  const { batcher, registrations, audit, nonces, lastUsed, refusals, feed, health } = storage;
  const statementOptions = {
    requireProof: config.requireProof,
    statementWindowMs: config.statementWindowMs,
    ...(options.now ? { now: options.now } : {}),
  };
  let rateStore: RateLimitStore;
  try {
    rateStore =
      options.rateLimitStore ??
      (config.redisUrl ? await redisStore(config.redisUrl) : new MemoryRateLimitStore());
  } catch (error) {
    await database.close();
    throw new Error('cannot reach Redis at REDIS_URL', { cause: error });
  }
  const verifyThread =
    config.verifyThreads > 0
      ? new VerifyThread((error) =>
          app.log.error({ err: error }, 'verify thread failed; verifying on the event loop'),
        )
      : null;
  const onStoreError = (error: unknown) =>
    app.log.error({ err: error }, 'rate limit store unavailable; request allowed');
  const ctx: AppContext = {
    ...storage,
    config,
    database,
    registrationService: new RegistrationService(
      batcher,
      registrations,
      audit,
      nonces,
      lastUsed,
      refusals,
      statementOptions,
    ),
    verificationService: new VerificationService(
      registrations,
      lastUsed,
      (o) => metrics.observeVerify(o),
      verifyThread ? (s, m, k) => verifyThread.verify(s, m, k) : undefined,
    ),
    lifecycle: new KeyLifecycleService(
      batcher,
      registrations,
      audit,
      nonces,
      refusals,
      statementOptions,
    ),
    limits: {
      perIp: new RateLimiter(rateStore, config.rateLimitPerIp, onStoreError),
      failuresPerIp: new RateLimiter(rateStore, config.rateLimitFailuresPerIp, onStoreError),
      perClient: new RateLimiter(rateStore, config.rateLimitPerClient, onStoreError),
      registrationsPerIp: new RateLimiter(
        rateStore,
        config.rateLimitRegistrationsPerIp,
        onStoreError,
      ),
    },
    metrics,
    version: SERVER_VERSION,
    startedAt: Date.now(),
  };

  app.decorate('datafold', ctx);

  // Background writes retry on the next tick; a database fault is reported once by the health
  // tracker rather than logged every second.
  const backgroundFailed = (what: string) => (error: unknown) => {
    const fault = databaseFault(error);
    if (fault) health.fault(fault, error);
    else app.log.error({ err: error }, `${what} failed`);
  };
  const flushTimer = setInterval(() => {
    lastUsed.flush().catch(backgroundFailed('last_used flush'));
    storage.tokens.flushUsage().catch(backgroundFailed('token last_used flush'));
    nonces.purgeExpired(new Date().toISOString()).catch(backgroundFailed('nonce purge'));
  }, config.lastUsedFlushMs);
  flushTimer.unref();
  refusals.start(backgroundFailed('refusal audit'));
  // Incremental checks cost only the entries appended since the last one.
  storage.chain.start(60_000, 5_000, backgroundFailed('audit chain check'));

  for (const warning of startupWarnings(config)) app.log.warn(warning);
  addRequestHooks(app, ctx);
  app.setErrorHandler((error, request, reply) => {
    if (request.is404) {
      answerUnrouted(request, reply);
      return;
    }
    const answer = toErrorReply(error);
    if (answer.unexpected) request.log.error({ err: error }, 'unexpected error');
    if (answer.databaseFault) health.fault(answer.databaseFault, error);
    void reply.code(answer.statusCode).headers(answer.headers).send(answer.body);
  });
  const answerUnrouted = answerUnroutedRequests(app, (error) => toErrorReply(error));
  limitJsonDepth(app);

  app.addHook('onClose', async () => {
    clearInterval(flushTimer);
    health.close();
    storage.chain.close();
    // Each step runs even when an earlier one fails: the database must always be closed.
    const steps = [
      () => lastUsed.flush(),
      () => storage.tokens.flushUsage(),
      () => refusals.close(),
      () => batcher.drain(),
      () => feed.close(),
      () => rateStore.close(),
      () => verifyThread?.close(),
      () => database.close(),
    ];
    const failures: unknown[] = [];
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) {
      throw new Error(`shutdown did not complete: ${failures.length} step(s) failed`, {
        cause: failures,
      });
    }
  });

  // Without an allow-list no origin gets CORS headers: the plugin's per-request hook would only
  // decide that again on every request, so it is registered only when there is a list.
  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: ['Content-Type', 'Authorization'],
      // Browsers hide response headers from scripts unless listed: clients honour Retry-After on 429.
      exposedHeaders: ['Retry-After', 'X-Request-Id'],
      maxAge: 600,
    });
  }
  await app.register(swagger, {
    openapi: {
      // 3.1: JSON Schema 2020-12, so if/then rules (a message that must decode under its
      // encoding) and nullable types are written as the server checks them.
      openapi: '3.1.0',
      info: {
        title: 'DataFold Keys server',
        version: SERVER_VERSION,
        description:
          'The DataFold wire protocol (registration, status, verification) and its extensions.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  keyRoutes(app, ctx);
  verifyRoute(app, ctx);
  serviceRoutes(app, ctx);
  adminRoutes(app, ctx);
  adminDashboardRoutes(app, ctx);
  adminTokenRoutes(app, ctx);
  await app.register(serveDashboard);
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());

  onConnectionLost = (error) => {
    metrics.observeConnectionLost();
    app.log.warn(
      { err: loggableDatabaseError(error) },
      'database connection lost; the pool replaces it',
    );
  };
  await feed.start();
  await app.ready();
  return app;
}
