import { h } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

/** One series of a chart: its bars are stacked in the order given, the first at the bottom. */
export interface ChartSeries {
  label: string;
  values: number[];
  /** `failed` bars are hatched as well as coloured, so no meaning rests on colour alone. */
  tone: 'ok' | 'failed';
}

/** What `activityChart` draws. */
export interface ChartOptions {
  /** Unique in the page: names the chart's pattern and headings. */
  id: string;
  title: string;
  /** The start of each bar (RFC 3339). */
  buckets: string[];
  bucketSeconds: number;
  series: ChartSeries[];
  /** Drawn across the whole row of the chart grid. */
  wide?: boolean;
}

function svg(tag: string, attributes: Record<string, string | number>, ...children: Node[]) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A bar's start in the reader's zone: the time for short bars, the date too for 2-hour ones. */
export function bucketLabel(iso: string, bucketSeconds: number): string {
  const d = new Date(iso);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return bucketSeconds >= 3600
    ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`
    : time;
}

/** "per minute", "per 15 minutes", "per 2 hours". */
export function bucketWords(bucketSeconds: number): string {
  if (bucketSeconds === 60) return 'per minute';
  if (bucketSeconds < 3600) return `per ${bucketSeconds / 60} minutes`;
  const hours = bucketSeconds / 3600;
  return hours === 1 ? 'per hour' : `per ${hours} hours`;
}

/** The reader's time zone, as the axis and the tables name it. */
export function readerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
}

/** 0, 1, 2, 5, 10, 20, 50…: the top of the scale, at or above `max`. */
function scaleTop(max: number): number {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * A bar chart in plain SVG (no chart library: the dashboard stays small and its CSP strict), with
 * everything it shows also in words: a caption with the totals, and a table of every bar that
 * has a count, for screen readers and anyone who wants the numbers.
 *
 * @example
 * main.append(activityChart({ id: 'verifications', title: 'Verifications', buckets, bucketSeconds: 60, series }));
 */
export function activityChart(options: ChartOptions): HTMLElement {
  const { id, title, buckets, bucketSeconds, series } = options;
  const width = buckets.length * 10;
  const height = 120;
  const stacks = buckets.map((_, i) => sum(series.map((s) => s.values[i] ?? 0)));
  const top = scaleTop(Math.max(0, ...stacks));
  const pattern = `${id}-hatch`;
  const bars: Element[] = [];
  buckets.forEach((start, i) => {
    let base = height;
    const parts: string[] = [];
    for (const s of series) {
      const value = s.values[i] ?? 0;
      parts.push(`${value} ${s.label.toLowerCase()}`);
      if (value === 0) continue;
      const barHeight = Math.max(1.5, (value / top) * height);
      base -= barHeight;
      bars.push(
        svg('rect', {
          x: i * 10 + 1,
          y: base,
          width: 8,
          height: barHeight,
          class: `bar bar-${s.tone}`,
          ...(s.tone === 'failed' ? { fill: `url(#${pattern})` } : {}),
        }),
      );
    }
    // A hover title over the whole column.
    bars.push(
      svg(
        'rect',
        { x: i * 10, y: 0, width: 10, height, class: 'bar-hit' },
        svg(
          'title',
          {},
          document.createTextNode(`${bucketLabel(start, bucketSeconds)}: ${parts.join(', ')}`),
        ),
      ),
    );
  });
  const totals = series.map((s) => `${s.label} ${sum(s.values)}`).join(', ');
  const captionId = `${id}-caption`;
  const picture = svg(
    'svg',
    {
      viewBox: `0 0 ${width} ${height}`,
      preserveAspectRatio: 'none',
      role: 'img',
      'aria-labelledby': captionId,
      class: 'chart-plot',
    },
    svg(
      'defs',
      {},
      svg(
        'pattern',
        { id: pattern, width: 4, height: 4, patternUnits: 'userSpaceOnUse' },
        svg('rect', { width: 4, height: 4, class: 'hatch-back' }),
        svg('path', { d: 'M-1,1 l2,-2 M0,4 l4,-4 M3,5 l2,-2', class: 'hatch-line' }),
      ),
    ),
    svg('line', { x1: 0, y1: height / 2, x2: width, y2: height / 2, class: 'gridline' }),
    svg('line', { x1: 0, y1: height - 0.5, x2: width, y2: height - 0.5, class: 'baseline' }),
    ...bars,
  );
  const middle = Math.floor((buckets.length - 1) / 2);
  const axis = h(
    'div',
    { class: 'chart-axis', 'aria-hidden': 'true' },
    [0, middle, buckets.length - 1].map((i) =>
      h('span', {}, buckets[i] ? bucketLabel(buckets[i], bucketSeconds) : ''),
    ),
  );
  const legend = h(
    'ul',
    { class: 'chart-legend', 'aria-hidden': 'true' },
    series.map((s) =>
      h('li', {}, h('span', { class: `swatch swatch-${s.tone}` }), `${s.label} ${sum(s.values)}`),
    ),
  );
  const rows = buckets
    .map((start, i) => ({ start, values: series.map((s) => s.values[i] ?? 0) }))
    .filter((row) => row.values.some((v) => v > 0));
  const table = h(
    'table',
    { class: 'chart-table' },
    h(
      'caption',
      {},
      `${title} ${bucketWords(bucketSeconds)}, times in ${readerZone()}; ` +
        (rows.length ? 'periods with none are left out.' : 'none in this window.'),
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'From'),
        series.map((s) => h('th', { scope: 'col' }, s.label)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((row) =>
        h(
          'tr',
          {},
          h(
            'th',
            { scope: 'row' },
            h('time', { datetime: row.start }, bucketLabel(row.start, bucketSeconds)),
          ),
          row.values.map((v) => h('td', {}, String(v))),
        ),
      ),
    ),
    h(
      'tfoot',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, 'Total'),
        series.map((s) => h('td', { 'data-series': s.label }, String(sum(s.values)))),
      ),
    ),
  );
  return h(
    'figure',
    { class: options.wide ? 'chart card chart-wide' : 'chart card', id },
    h(
      'figcaption',
      { id: captionId },
      h('span', { class: 'chart-title' }, title),
      h(
        'span',
        { class: 'chart-summary' },
        `${totals}; scale 0 to ${top} ${bucketWords(bucketSeconds)}`,
      ),
    ),
    legend,
    h(
      'div',
      { class: 'chart-frame' },
      h('span', { class: 'chart-top', 'aria-hidden': 'true' }, String(top)),
      picture,
    ),
    axis,
    h('details', { class: 'chart-numbers' }, h('summary', {}, `${title}: the numbers`), table),
  );
}
