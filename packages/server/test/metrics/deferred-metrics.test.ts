import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { DeferredCounter } from '../../src/metrics/deferred-counter.js';
import { DeferredHistogram } from '../../src/metrics/deferred-histogram.js';

/** prom-client's own metrics and the deferred ones, fed the same observations. */
function pair() {
  const reference = new Registry();
  const deferred = new Registry();
  const counterConfig = {
    name: 'x_requests_total',
    help: 'Requests.',
    labelNames: ['method', 'route', 'status'] as const,
  };
  const histogramConfig = {
    name: 'x_duration_seconds',
    help: 'Durations.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.01, 1],
  };
  const counter = new Counter({
    ...counterConfig,
    labelNames: [...counterConfig.labelNames],
    registers: [reference],
  });
  const histogram = new Histogram({
    ...histogramConfig,
    labelNames: [...histogramConfig.labelNames],
    registers: [reference],
  });
  const deferredCounter = new DeferredCounter({
    ...counterConfig,
    labelNames: [...counterConfig.labelNames],
    registers: [deferred],
  });
  const deferredHistogram = new DeferredHistogram({ ...histogramConfig, registers: [deferred] });
  const counts = new Map<string, ReturnType<typeof deferredCounter.series>>();
  const latencies = new Map<string, ReturnType<typeof deferredHistogram.series>>();
  const observe = (method: string, route: string, status: string, seconds: number) => {
    counter.inc({ method, route, status });
    histogram.observe({ method, route }, seconds);
    const countKey = `${method} ${route} ${status}`;
    if (!counts.has(countKey))
      counts.set(countKey, deferredCounter.series({ method, route, status }));
    counts.get(countKey)!.inc();
    const latencyKey = `${method} ${route}`;
    if (!latencies.has(latencyKey))
      latencies.set(latencyKey, deferredHistogram.series({ method, route }));
    latencies.get(latencyKey)!.observe(seconds);
  };
  return { reference, deferred, observe };
}

describe('deferred metrics', () => {
  it('expose exactly what prom-client exposes for the same observations, scrape after scrape', async () => {
    const { reference, deferred, observe } = pair();
    // Nothing observed yet: the same empty metrics.
    expect(await deferred.metrics()).toBe(await reference.metrics());
    const routes = ['/a', '/b/:id', 'unmatched'];
    const values = [0.0001, 0.0005, 0.0007, 0.001, 0.003, 0.0099, 0.5, 1, 2.5, 0.000123456789];
    for (let i = 0; i < 200; i++) {
      observe(
        i % 3 ? 'GET' : 'POST',
        routes[i % routes.length]!,
        String(200 + (i % 4) * 100),
        values[i % values.length]!,
      );
      if (i === 17 || i === 150) {
        // A scrape between observations brings the counters up to date, and changes nothing after.
        expect(await deferred.metrics()).toBe(await reference.metrics());
      }
    }
    // A label set first seen after a scrape is listed after the earlier ones, as prom-client lists it.
    observe('DELETE', '/c', '204', 0.002);
    expect(await deferred.metrics()).toBe(await reference.metrics());
    expect(await deferred.getMetricsAsJSON()).toEqual(await reference.getMetricsAsJSON());
  });

  it('forget everything on reset, as prom-client does', async () => {
    const { reference, deferred, observe } = pair();
    observe('GET', '/a', '200', 0.002);
    reference.resetMetrics();
    deferred.resetMetrics();
    expect(await deferred.metrics()).toBe(await reference.metrics());
    observe('GET', '/b', '404', 0.004);
    expect(await deferred.metrics()).toBe(await reference.metrics());
  });
});
