// Shared timing helpers for the benches: run an operation for a fixed time and report ops/s.
// Benches print ratios against a baseline measured in the same run, never absolute targets alone.

/** Runs `op` (sync or async) repeatedly for about `seconds`, after a short warm-up; returns ops/s. */
export async function opsPerSecond(op, { seconds = 1.5, warmup = 0.3 } = {}) {
  const until = (s) => performance.now() + s * 1000;
  for (const end = until(warmup); performance.now() < end;) await op();
  let count = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    await op();
    count++;
  }
  return (count * 1000) / (performance.now() - start);
}

/** Like opsPerSecond for an operation that handles `batchSize` items per call. */
export async function itemsPerSecond(batchOp, batchSize, options) {
  return (await opsPerSecond(batchOp, options)) * batchSize;
}

/** Median seconds of `runs` timed calls of an async `op`. */
export async function medianSeconds(op, runs = 5) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await op();
    times.push((performance.now() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Prints rows as an aligned table. */
export function printTable(title, rows) {
  const headers = Object.keys(rows[0]);
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  console.log(`\n${title}`);
  console.log(line(headers));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(headers.map((h) => row[h])));
}

export const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
