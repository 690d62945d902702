import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { VerifyOutcome } from '../domain/verification-service.js';

/**
 * The Prometheus metrics of one app instance, in its own registry so that several apps in one
 * process (the tests) do not collide: requests by route and status, latency histograms, verify
 * outcomes, and registrations by status (counted in the database at scrape time).
 *
 * @example
 * metrics.observeRequest('POST', '/api/crypto/signatures/verify', 200, 0.0012);
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route'>;
  private readonly verifyOutcomes: Counter<'outcome'>;

  constructor(countRegistrations: () => Promise<Record<string, number>>) {
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'datafold_http_requests_total',
      help: 'HTTP requests by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.latency = new Histogram({
      name: 'datafold_http_request_duration_seconds',
      help: 'Time from request to response, by method and route pattern.',
      labelNames: ['method', 'route'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [this.registry],
    });
    this.verifyOutcomes = new Counter({
      name: 'datafold_verify_outcomes_total',
      help: 'Signature verification outcomes.',
      labelNames: ['outcome'],
      registers: [this.registry],
    });
    new Gauge({
      name: 'datafold_registrations',
      help: 'Registrations by status.',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        const counts = await countRegistrations();
        this.reset();
        for (const status of ['active', 'revoked', 'superseded']) {
          this.set({ status }, counts[status] ?? 0);
        }
      },
    });
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status: String(status) });
    this.latency.observe({ method, route }, seconds);
  }

  observeVerify(outcome: VerifyOutcome): void {
    this.verifyOutcomes.inc({ outcome });
  }
}
