import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import { Counter } from 'prom-client';
import type { ServerConfig } from '../config/server-config.js';
import { loggableDatabaseError } from '../db/database-fault.js';
import type { OpenDatabase } from '../db/open-database.js';
import { AdminReads } from '../domain/admin-reads.js';
import { DurableChanges } from '../domain/durable-change.js';
import { gatheredSignatureCheck } from '../domain/gathered-signature-check.js';
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
import { DatabaseReplayStore } from '../replay/database-replay-store.js';
import { observedReplayStore } from '../replay/observed-replay-store.js';
import { RedisReplayStore } from '../replay/redis-replay-store.js';
import { SignedRequestVerifier } from '../signed-requests/signed-request-verifier.js';
import { SERVER_VERSION } from '../version.js';
import type { AppContext } from './app-context.js';
import { connectRedis } from './redis-connection.js';
import { buildStorageLayer } from './storage-layer.js';

/** What the services need besides the configuration and the database. */
export interface ServiceOptions {
  /** The server's clock (statement windows, token expiry, signed requests' freshness). */
  now?: () => number;
  /** Shared counters for rate limits; by default Redis (REDIS_URL) or this process's memory. */
  rateLimitStore?: RateLimitStore;
}

/** What `buildServices` made that must be closed with the app, beside the database. */
export interface ServiceResources {
  rateStore: RateLimitStore;
  verifyThread: VerifyThread | null;
  /** The connection to REDIS_URL, shared by the rate limits and the replay store; null without. */
  redis: Redis | null;
}

/**
 * Wires everything the routes use over an open database: the storage layer, the metrics that read
 * it, the rate limits, the signature thread, the replay store and verifier of signed requests
 * (Redis when configured, else the database), and the services (registration, verification,
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
  let redis: Redis | null = null;
  try {
    if (config.redisUrl) redis = await connectRedis(config.redisUrl);
  } catch (error) {
    throw new Error('cannot reach Redis at REDIS_URL', { cause: error });
  }
  const rateStore: RateLimitStore =
    options.rateLimitStore ?? (redis ? new RedisRateLimitStore(redis) : new MemoryRateLimitStore());
  const replayStore = observedReplayStore(
    redis
      ? new RedisReplayStore(redis, options.now)
      : new DatabaseReplayStore(database.db, options.now),
    {
      failed: (store, error) => {
        metrics.observeReplayStoreFailure(store);
        log.error(
          { err: store === 'database' ? loggableDatabaseError(error) : error, store },
          'replay store unavailable: signed request refused with 503 REPLAY_STORE_UNAVAILABLE',
        );
      },
    },
  );
  const verifyThreadFailures = new Counter({
    name: 'datafold_verify_thread_failures_total',
    help: 'Times the signature thread died; its jobs were verified on the event loop and a new thread started.',
    registers: [metrics.registry],
  });
  const verifyThread =
    config.verifyThreads > 0
      ? new VerifyThread({
          failed: (error) => {
            verifyThreadFailures.inc();
            log.error(
              { err: error },
              'verify thread failed; verifying on the event loop until a new one starts',
            );
          },
          restarted: () => log.warn('verify thread restarted'),
        })
      : null;
  const onStoreError = (error: unknown) =>
    log.error({ err: error }, 'rate limit store unavailable; request allowed');
  const limit = (perMinute: number) => new RateLimiter(rateStore, perMinute, onStoreError);
  const changes = new DurableChanges(batcher, audit, nonces, refusals, storage.activity);
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
      changes,
      registrations,
      lastUsed,
      statementOptions,
    ),
    verificationService: new VerificationService(
      registrations,
      lastUsed,
      (o, clientId) => {
        metrics.observeVerify(o);
        storage.activity.record('verification', o === 'verified' ? 'ok' : 'failed', clientId);
      },
      verifyThread ? (s, m, k) => verifyThread.verify(s, m, k) : gatheredSignatureCheck(),
    ),
    lifecycle: new KeyLifecycleService(changes, registrations, statementOptions),
    adminReads: new AdminReads(
      new RegistrationListing(database.db, database.dialect, options.now),
      new AdminReadRepository(database.db, database.dialect),
      audit,
      storage.chain,
    ),
    limits: {
      perIp: limit(config.rateLimitPerIp),
      failuresPerIp: limit(config.rateLimitFailuresPerIp),
      perClient: limit(config.rateLimitPerClient),
      registrationsPerIp: limit(config.rateLimitRegistrationsPerIp),
    },
    replayStore,
    signedRequests: new SignedRequestVerifier({
      registrations,
      lastUsed,
      replayStore,
      ...(options.now ? { now: options.now } : {}),
      onOutcome: (outcome) => metrics.observeSignedRequest(outcome),
    }),
    metrics,
    version: SERVER_VERSION,
    startedAt: Date.now(),
  };
  return { ctx, resources: { rateStore, verifyThread, redis } };
}
