import type { FastifyBaseLogger } from 'fastify';
import type { ServerConfig } from '../config/server-config.js';
import type { OpenDatabase } from '../db/open-database.js';
import { AdminReads } from '../domain/admin-reads.js';
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
import { ServerMetrics } from '../metrics/server-metrics.js';
import { AdminReadRepository } from '../repositories/admin-read-repository.js';
import { RegistrationListing } from '../repositories/registration-listing.js';
import { SERVER_VERSION } from '../version.js';
import type { AppContext } from './app-context.js';
import { buildStorageLayer } from './storage-layer.js';

/** What the services need besides the configuration and the database. */
export interface ServiceOptions {
  /** The server's clock (statement windows, token expiry). */
  now?: () => number;
  /** Shared counters for rate limits; by default Redis (REDIS_URL) or this process's memory. */
  rateLimitStore?: RateLimitStore;
}

/** What `buildServices` made that must be closed with the app, beside the database. */
export interface ServiceResources {
  rateStore: RateLimitStore;
  verifyThread: VerifyThread | null;
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
 * Wires everything the routes use over an open database: the storage layer, the metrics that read
 * it, the rate limits, the signature thread, and the services (registration, verification,
 * lifecycle, admin reads). Connects to Redis when configured; throws when it cannot.
 *
 * @example
 * const { ctx, resources } = await buildServices(config, database, app.log, {});
 */
export async function buildServices(
  config: ServerConfig,
  database: OpenDatabase,
  log: FastifyBaseLogger,
  options: ServiceOptions,
): Promise<{ ctx: AppContext; resources: ServiceResources }> {
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
    log,
    {
      cacheLookup: (result) => metrics.observeCacheLookup(result),
      databaseFault: (reason) => metrics.observeDatabaseFault(reason),
    },
    options.now,
  );
  const { batcher, registrations, audit, nonces, lastUsed, refusals } = storage;
  let rateStore: RateLimitStore;
  try {
    rateStore =
      options.rateLimitStore ??
      (config.redisUrl ? await redisStore(config.redisUrl) : new MemoryRateLimitStore());
  } catch (error) {
    throw new Error('cannot reach Redis at REDIS_URL', { cause: error });
  }
  const verifyThread =
    config.verifyThreads > 0
      ? new VerifyThread((error) =>
          log.error({ err: error }, 'verify thread failed; verifying on the event loop'),
        )
      : null;
  const onStoreError = (error: unknown) =>
    log.error({ err: error }, 'rate limit store unavailable; request allowed');
  const limit = (perMinute: number) => new RateLimiter(rateStore, perMinute, onStoreError);
  const statementOptions = {
    requireProof: config.requireProof,
    statementWindowMs: config.statementWindowMs,
    ...(options.now ? { now: options.now } : {}),
  };
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
    adminReads: new AdminReads(
      new RegistrationListing(database.db, database.dialect),
      new AdminReadRepository(database.db),
      audit,
      storage.chain,
    ),
    limits: {
      perIp: limit(config.rateLimitPerIp),
      failuresPerIp: limit(config.rateLimitFailuresPerIp),
      perClient: limit(config.rateLimitPerClient),
      registrationsPerIp: limit(config.rateLimitRegistrationsPerIp),
    },
    metrics,
    version: SERVER_VERSION,
    startedAt: Date.now(),
  };
  return { ctx, resources: { rateStore, verifyThread } };
}
