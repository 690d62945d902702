import type { FastifyBaseLogger } from 'fastify';
import { ActivityRecorder } from '../activity/activity-recorder.js';
import { AuditChainMonitor, type MonitoredChainReport } from '../audit/audit-chain-monitor.js';
import { RefusalAggregator } from '../audit/refusal-aggregator.js';
import { LocalChangeFeed, type ChangeFeed } from '../cache/change-feed.js';
import { ClientChangeTracker } from '../cache/client-change-tracker.js';
import { PostgresChangeFeed } from '../cache/postgres-change-feed.js';
import { registrationCacheListener } from '../cache/registration-cache-listener.js';
import { VerifyLookupCache, type CacheLookupResult } from '../cache/verify-lookup-cache.js';
import type { ServerConfig } from '../config/server-config.js';
import { loggableDatabaseError, type DatabaseFaultReason } from '../db/database-fault.js';
import { DatabaseHealth } from '../db/database-health.js';
import type { OpenDatabase } from '../db/open-database.js';
import { WriteBatcher } from '../db/write-batcher.js';
import { AdminTokenService } from '../domain/admin-token-service.js';
import { LastUsedBuffer } from '../domain/last-used-buffer.js';
import { ActivityRepository } from '../repositories/activity-repository.js';
import { AuditRepository } from '../repositories/audit-repository.js';
import { NonceRepository } from '../repositories/nonce-repository.js';
import {
  RegistrationRepository,
  type CachedRegistration,
} from '../repositories/registration-repository.js';
import { TokenRepository } from '../repositories/token-repository.js';

/** The repositories and what keeps them correct across instances and through faults. */
export interface StorageLayer {
  batcher: WriteBatcher;
  registrations: RegistrationRepository;
  audit: AuditRepository;
  nonces: NonceRepository;
  /** Admin tokens: create, list, revoke, authenticate (no cache: see AdminTokenService). */
  tokens: AdminTokenService;
  lastUsed: LastUsedBuffer;
  /** Refused anonymous requests, written to the audit log once per window. */
  refusals: RefusalAggregator;
  /** Per-minute activity counters, added to the database every few seconds (the overview). */
  activity: ActivityRecorder;
  activityRepository: ActivityRepository;
  /** The audit chain's verification state, checked in the background and by the chain route. */
  chain: AuditChainMonitor;
  /** The chain monitor's last report, for the metric; null before the first check. */
  lastChainReport(): MonitoredChainReport | null;
  feed: ChangeFeed;
  cache: VerifyLookupCache<CachedRegistration>;
  health: DatabaseHealth;
}

/** Where the storage layer reports what the metrics count. */
export interface StorageObserver {
  cacheLookup(result: CacheLookupResult): void;
  databaseFault(reason: DatabaseFaultReason): void;
}

/**
 * Wires the repositories over an open database: the write batcher with its commit hooks (the
 * audit head, the change feed), the verify-lookup cache behind the change feed (local on SQLite,
 * LISTEN/NOTIFY on PostgreSQL, see docs/architecture.md), and the database health tracker.
 * Nothing here listens or connects yet; `feed.start()` does. `now` is the clock of token expiry.
 *
 * @example
 * const storage = buildStorageLayer(config, database, app.log, observer);
 * await storage.feed.start();
 */
export function buildStorageLayer(
  config: ServerConfig,
  database: OpenDatabase,
  log: FastifyBaseLogger,
  observer: StorageObserver,
  now: () => number = Date.now,
): StorageLayer {
  const feed: ChangeFeed =
    database.dialect === 'postgres' && config.databaseUrl
      ? new PostgresChangeFeed(config.databaseUrl, {
          up: () => log.info('change feed live: verify-lookup cache in use'),
          down: (error) =>
            log.warn(
              { err: loggableDatabaseError(error) },
              'change feed lost: verify-lookup cache cleared and bypassed until it is back',
            ),
        })
      : new LocalChangeFeed();
  const cache = new VerifyLookupCache<CachedRegistration>(config.verifyCacheSize, feed, (result) =>
    observer.cacheLookup(result),
  );
  const invalidation = registrationCacheListener(cache);
  feed.subscribe(invalidation);
  const changes = new ClientChangeTracker(feed, invalidation);

  const batcher = new WriteBatcher(database.db);
  const registrations = new RegistrationRepository(database.db, cache, changes);
  const audit = new AuditRepository(database.db, database.dialect);
  batcher.beforeCommit((trx) => audit.writeHead(trx));
  batcher.beforeCommit((trx) => changes.beforeCommit(trx));
  batcher.afterTransaction((trx) => changes.afterTransaction(trx));
  // Registrations and spent nonces are written together just before each commit.
  const nonces = new NonceRepository(database.db);
  registrations.deferInserts(batcher);
  nonces.deferInserts(batcher);

  const health = new DatabaseHealth(() => database.ping(), {
    down: (reason, error) =>
      log.error(
        { reason, err: loggableDatabaseError(error), database: database.location },
        'database unavailable: answering 503 DATABASE_UNAVAILABLE until it is back',
      ),
    up: (downForMs) => log.info({ downForMs }, 'database available again'),
    fault: (reason) => observer.databaseFault(reason),
  });
  const refusals = new RefusalAggregator((events) =>
    batcher.run(async (trx) => {
      await audit.lock(trx);
      for (const event of events) await audit.append(trx, event);
    }),
  );
  const activityRepository = new ActivityRepository(database.db);
  const activity = new ActivityRecorder(
    {
      add: (rows) => batcher.run((trx) => activityRepository.add(trx, rows)),
      prune: (beforeMinute) => activityRepository.prune(beforeMinute),
    },
    undefined,
    undefined,
    (minutes) =>
      log.warn(
        { minutes },
        'activity counters dropped: the database was away longer than they can be held',
      ),
  );
  // A break is logged when it first appears and whenever more are found, not on every check.
  let lastChain: MonitoredChainReport | null = null;
  const chain = new AuditChainMonitor(audit, undefined, undefined, (report) => {
    if (!report.ok && (lastChain?.ok !== false || report.breakCount > lastChain.breakCount)) {
      log.error(
        { breaks: report.breaks.slice(0, 10), breakCount: report.breakCount },
        'audit chain broken: entries were altered, removed or re-hashed outside the server',
      );
    } else if (report.ok && lastChain?.ok === false) {
      log.info({ entries: report.entries }, 'audit chain intact again');
    }
    lastChain = report;
  });
  return {
    batcher,
    registrations,
    audit,
    refusals,
    activity,
    activityRepository,
    chain,
    lastChainReport: () => lastChain,
    nonces,
    tokens: new AdminTokenService(batcher, audit, new TokenRepository(database.db), now),
    lastUsed: new LastUsedBuffer(batcher, registrations),
    feed,
    cache,
    health,
  };
}
