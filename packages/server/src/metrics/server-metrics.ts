import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { CacheLookupResult } from '../cache/verify-lookup-cache.js';
import type { DatabaseFaultReason } from '../db/database-fault.js';
import type { VerifyOutcome } from '../domain/verification-service.js';
import { DeferredCounter, type CounterSeries } from './deferred-counter.js';
import { DeferredHistogram, type HistogramSeries } from './deferred-histogram.js';

/** The request series of one method and route: its latency and one count per status. */
interface RouteSeries {
  latency: HistogramSeries;
  statuses: Map<number, CounterSeries>;
}

/** Where the gauges read their values at scrape time. */
export interface MetricSources {
  /** Registrations by status, counted in the database. */
  countRegistrations(): Promise<Record<string, number>>;
  /** Whether the database answers (DatabaseHealth). */
  databaseUp(): boolean;
  /** Whether the change feed is confirmed, so caches are in use. */
  changeFeedLive(): boolean;
  /** The audit chain's last check: true intact, false broken, null not checked yet. */
  auditChainIntact(): boolean | null;
}

/**
 * The Prometheus metrics of one app instance, in its own registry so that several apps in one
 * process (the tests) do not collide: requests by route and status, latency histograms, verify
 * outcomes, registrations by status (counted in the database at scrape time), and the health of
 * the database, its connections, the change feed and the verify-lookup cache.
 *
 * @example
 * metrics.observeRequest('POST', '/api/crypto/signatures/verify', 200, 0.0012);
 */
export class ServerMetrics {
  readonly registry = new Registry();
  // The counters on every request's path count in plain numbers (deferred-counter.ts).
  private readonly requests: DeferredCounter<'method' | 'route' | 'status'>;
  private readonly latency: DeferredHistogram<'method' | 'route'>;
  /** Route, then method: found by two lookups, with no key built per request. */
  private readonly requestSeries = new Map<string, Map<string, RouteSeries>>();
  private readonly verifyOutcomes: DeferredCounter<'outcome'>;
  private readonly verifyOutcomeSeries = new Map<VerifyOutcome, CounterSeries>();
  private readonly databaseFaults: Counter<'reason'>;
  private readonly connectionsLost: Counter;
  private readonly signedRequests: Counter<'outcome'>;
  private readonly replayStoreFailures: Counter<'store'>;
  /** One series per result: the lookup counter is on the verify hot path. */
  private readonly cacheLookups: Record<CacheLookupResult, CounterSeries>;

  constructor(sources: MetricSources) {
    collectDefaultMetrics({ register: this.registry });
    this.requests = new DeferredCounter({
      name: 'datafold_http_requests_total',
      help: 'HTTP requests by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.latency = new DeferredHistogram({
      name: 'datafold_http_request_duration_seconds',
      help: 'Time from request to response, by method and route pattern.',
      labelNames: ['method', 'route'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [this.registry],
    });
    this.verifyOutcomes = new DeferredCounter({
      name: 'datafold_verify_outcomes_total',
      help: 'Signature verification outcomes.',
      labelNames: ['outcome'],
      registers: [this.registry],
    });
    this.signedRequests = new Counter({
      name: 'datafold_signed_requests_total',
      help: 'Signed requests checked (RFC 9421): verified, or the refusal code.',
      labelNames: ['outcome'],
      registers: [this.registry],
    });
    this.replayStoreFailures = new Counter({
      name: 'datafold_replay_store_failures_total',
      help: 'Signed requests refused with 503 because the replay store (redis or database) failed.',
      labelNames: ['store'],
      registers: [this.registry],
    });
    new Gauge({
      name: 'datafold_registrations',
      help: 'Registrations by status (absent while the database is down).',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        // A scrape must answer while the database is away; datafold_database_up says why.
        const counts = await sources.countRegistrations().catch(() => null);
        if (!counts) return;
        for (const status of ['active', 'revoked', 'superseded']) {
          this.set({ status }, counts[status] ?? 0);
        }
      },
    });
    new Gauge({
      name: 'datafold_database_up',
      help: '1 while the database answers, 0 from a failed request until a probe succeeds.',
      registers: [this.registry],
      collect() {
        this.set(sources.databaseUp() ? 1 : 0);
      },
    });
    this.databaseFaults = new Counter({
      name: 'datafold_database_faults_total',
      help: 'Database operations that failed for a reason outside this process, by reason.',
      labelNames: ['reason'],
      registers: [this.registry],
    });
    this.connectionsLost = new Counter({
      name: 'datafold_database_connections_lost_total',
      help: 'PostgreSQL connections that failed and were dropped from the pool.',
      registers: [this.registry],
    });
    new Gauge({
      name: 'datafold_change_feed_live',
      help: '1 while the change feed is confirmed (caches in use), 0 while caches are bypassed.',
      registers: [this.registry],
      collect() {
        this.set(sources.changeFeedLive() ? 1 : 0);
      },
    });
    new Gauge({
      name: 'datafold_audit_chain_intact',
      help: '1 when the last check of the audit hash chain found it intact, 0 when it found a break, NaN before the first check.',
      registers: [this.registry],
      collect() {
        const intact = sources.auditChainIntact();
        this.set(intact === null ? NaN : intact ? 1 : 0);
      },
    });
    const lookups = new DeferredCounter({
      name: 'datafold_verify_cache_lookups_total',
      help: 'Verify-lookup cache lookups: hit, miss, or bypass (feed not confirmed).',
      labelNames: ['result'],
      registers: [this.registry],
    });
    this.cacheLookups = {
      hit: lookups.series({ result: 'hit' }),
      miss: lookups.series({ result: 'miss' }),
      bypass: lookups.series({ result: 'bypass' }),
    };
  }

  observeDatabaseFault(reason: DatabaseFaultReason): void {
    this.databaseFaults.inc({ reason });
  }

  observeConnectionLost(): void {
    this.connectionsLost.inc();
  }

  observeCacheLookup(result: CacheLookupResult): void {
    this.cacheLookups[result].inc();
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    let byMethod = this.requestSeries.get(route);
    if (!byMethod) this.requestSeries.set(route, (byMethod = new Map<string, RouteSeries>()));
    let series = byMethod.get(method);
    if (!series) {
      series = { latency: this.latency.series({ method, route }), statuses: new Map() };
      byMethod.set(method, series);
    }
    let count = series.statuses.get(status);
    if (!count) {
      count = this.requests.series({ method, route, status: String(status) });
      series.statuses.set(status, count);
    }
    count.inc();
    series.latency.observe(seconds);
  }

  observeSignedRequest(outcome: string): void {
    this.signedRequests.inc({ outcome });
  }

  observeReplayStoreFailure(store: string): void {
    this.replayStoreFailures.inc({ store });
  }

  observeVerify(outcome: VerifyOutcome): void {
    let series = this.verifyOutcomeSeries.get(outcome);
    if (!series) {
      series = this.verifyOutcomes.series({ outcome });
      this.verifyOutcomeSeries.set(outcome, series);
    }
    series.inc();
  }
}
