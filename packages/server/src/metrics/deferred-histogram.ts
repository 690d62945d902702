import type { LabelValues, Metric, Registry } from 'prom-client';

/** One label set of a DeferredHistogram. */
export interface HistogramSeries {
  observe(value: number): void;
}

interface SeriesData<L extends string> {
  labels: LabelValues<L>;
  /** Observations per bucket (not cumulative); the last counts those above every bound. */
  buckets: number[];
  sum: number;
  count: number;
  listed: boolean;
}

/** One line of the exposition: a bucket, the sum or the count of one label set. */
interface HistogramValue {
  labels: Record<string, string | number | undefined>;
  value: number;
  metricName: string;
  /** Always null on buckets, as prom-client's Histogram without exemplars. */
  exemplar?: null;
}

/** The histogram's configuration, as prom-client's Histogram takes it. */
export interface DeferredHistogramConfiguration<L extends string> {
  name: string;
  help: string;
  labelNames: readonly L[];
  buckets: readonly number[];
  registers: Registry[];
}

/**
 * A histogram that observes into plain numbers held by each label set's series, exposed in the
 * same form as prom-client's Histogram (cumulative `le` buckets, `+Inf`, `_sum`, `_count`, label
 * sets in the order each first observed). prom-client's own `observe` builds a key from the
 * labels, validates them and converts the bound to a string on every call, microseconds per
 * request at our rates; here that is done once per label set.
 *
 * @example
 * const latency = new DeferredHistogram({ name: 'x_seconds', help: '…', labelNames: ['route'], buckets: [0.001, 0.01], registers: [r] });
 * latency.series({ route: '/a' }).observe(0.002);
 */
export class DeferredHistogram<L extends string> {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly L[];
  private readonly bounds: readonly number[];
  private listed: Array<SeriesData<L>> = [];

  constructor(config: DeferredHistogramConfiguration<L>) {
    this.name = config.name;
    this.help = config.help;
    this.labelNames = config.labelNames;
    this.bounds = [...config.buckets].sort((a, b) => a - b);
    // The registry needs only a name, get() and reset() of a metric.
    for (const registry of config.registers) registry.registerMetric(this as unknown as Metric);
  }

  /** The series of one label set; keep it and call `observe()` on it. */
  series(labels: LabelValues<L>): HistogramSeries {
    const bounds = this.bounds;
    const data: SeriesData<L> = {
      labels,
      buckets: new Array<number>(bounds.length + 1).fill(0),
      sum: 0,
      count: 0,
      listed: false,
    };
    return {
      observe: (value: number) => {
        if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
        if (!data.listed) {
          data.listed = true;
          this.listed.push(data);
        }
        let i = 0;
        while (i < bounds.length && value > bounds[i]!) i++;
        data.buckets[i]! += 1;
        data.sum += value;
        data.count += 1;
      },
    };
  }

  /** What prom-client's Histogram.get() gives, which the registry formats. */
  get(): Promise<{
    name: string;
    help: string;
    type: 'histogram';
    aggregator: 'sum';
    values: HistogramValue[];
  }> {
    const values: HistogramValue[] = [];
    for (const series of this.listed) {
      let cumulative = 0;
      for (let i = 0; i < this.bounds.length; i++) {
        cumulative += series.buckets[i]!;
        values.push({
          labels: { le: this.bounds[i]!, ...series.labels },
          value: cumulative,
          metricName: `${this.name}_bucket`,
          exemplar: null,
        });
      }
      values.push(
        {
          labels: { le: '+Inf', ...series.labels },
          value: series.count,
          metricName: `${this.name}_bucket`,
          exemplar: null,
        },
        { labels: { ...series.labels }, value: series.sum, metricName: `${this.name}_sum` },
        { labels: { ...series.labels }, value: series.count, metricName: `${this.name}_count` },
      );
    }
    return Promise.resolve({
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values,
    });
  }

  /** Forgets every observation, as prom-client's reset does. */
  reset(): void {
    for (const series of this.listed) {
      series.buckets.fill(0);
      series.sum = 0;
      series.count = 0;
      series.listed = false;
    }
    this.listed = [];
  }
}
