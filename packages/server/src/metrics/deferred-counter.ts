import { Counter, type CounterConfiguration, type LabelValues } from 'prom-client';

/** One label set of a DeferredCounter: `inc()` is a plain addition. */
export interface CounterSeries {
  inc(): void;
}

interface SeriesData<L extends string> {
  labels: LabelValues<L>;
  /** Counted since the last scrape. */
  count: number;
  listed: boolean;
}

/**
 * A prom-client counter counted in plain numbers on the hot path and brought up to date when it
 * is scraped (its collect hook adds what each label set counted since). prom-client's own `inc`
 * builds a key from the labels and validates them on every call, microseconds per request at
 * our rates; here that is done once per label set. The exposition is the counter's own.
 *
 * @example
 * const outcomes = new DeferredCounter({ name: 'x_total', help: '…', labelNames: ['outcome'], registers: [r] });
 * const valid = outcomes.series({ outcome: 'valid' });
 * valid.inc();
 */
export class DeferredCounter<L extends string> {
  /** The label sets that counted since the last scrape, in the order each first did. */
  private pending: Array<SeriesData<L>> = [];

  constructor(config: Omit<CounterConfiguration<L>, 'collect'>) {
    const take = () => {
      const pending = this.pending;
      this.pending = [];
      for (const series of pending) series.listed = false;
      return pending;
    };
    const counter = new Counter<L>({
      ...config,
      collect() {
        for (const series of take()) {
          this.inc(series.labels, series.count);
          series.count = 0;
        }
      },
    });
    // A reset (Registry.resetMetrics) forgets what was counted since the last scrape as well.
    const reset = counter.reset.bind(counter);
    counter.reset = () => {
      for (const series of take()) series.count = 0;
      reset();
    };
  }

  /** The series of one label set; keep it and call `inc()` on it. */
  series(labels: LabelValues<L>): CounterSeries {
    const series: SeriesData<L> = { labels, count: 0, listed: false };
    return {
      inc: () => {
        if (!series.listed) {
          series.listed = true;
          this.pending.push(series);
        }
        series.count += 1;
      },
    };
  }
}
