#!/usr/bin/env node
// bench/server: verify throughput and latency of datafold-server at 50 connections with 1,000 and
// 1,000,000 registered keys, beside a bare Fastify JSON route (H) and raw sodium-native verify
// (V) measured in the same run, and registrations/s on SQLite. Loopback only, bounded in time:
// each load runs DURATION seconds (default 8). Needs `npm run build` first.
//
// Targets (issue 4): verify >= 0.7 x 1/(1/H + 1/V); p99 <= 10 ms; 1M keys >= 0.9 x 1k keys;
// registration >= 2,000/s on SQLite.
//
// Usage: node bench/server/run.mjs [--keys 1000000] [--duration 8]
import { loadavg } from 'node:os';
import { join } from 'node:path';
import {
  BARE_BODIES,
  threadCpuMicros,
  fill,
  fmt,
  registrationBody,
  load,
  measureNativeVerify,
  sampleClients,
  startBare,
  startServer,
  stop,
  work,
} from './harness.mjs';
import { numberArg } from '../args.mjs';

const BIG = numberArg('--keys', 1_000_000);
const DURATION = numberArg('--duration', 8);
const SAMPLE_CLIENTS = 200;

/** Server configurations of each verify run: the default first, then one change at a time. */
const MODES = [
  ['default (lookup cache, verify thread)', {}],
  ['verify on the event loop', { DATAFOLD_VERIFY_THREADS: '0' }],
  ['lookup uncached', { DATAFOLD_VERIFY_CACHE_SIZE: '0' }],
];

/** H: the bare Fastify route's req/s now (on a shared machine, measured beside every run). */
async function measureBare(duration = DURATION) {
  const bare = await startBare();
  await load(bare.url, BARE_BODIES, { duration: 2 });
  const result = await load(bare.url, BARE_BODIES, { duration });
  await stop(bare.child);
  return result;
}

/** Load generator CPU per request against the bare route: when it nears 1e6/H, H is its limit. */
const generatorNote = (bare) =>
  `load generator ${bare.cpuMicrosPerRequest.toFixed(0)} µs CPU/request`;

async function verifyRun(label, keys) {
  const dataDir = join(work, `data-${keys}`);
  const t0 = Date.now();
  await fill(dataDir, keys - SAMPLE_CLIENTS);
  const fillSeconds = (Date.now() - t0) / 1000;
  const results = {};
  // Default configuration (SQLite verify-lookup cache on), then every lookup from the database.
  for (const [mode, env] of MODES) {
    const server = await startServer(dataDir, env);
    const bodies =
      mode === MODES[0][0]
        ? await sampleClients(server.url, `bench-${keys}`, SAMPLE_CLIENTS)
        : results.bodies;
    const url = `${server.url}/api/crypto/signatures/verify`;
    await load(url, bodies, { duration: 2 }); // warm-up
    const cpu0 = threadCpuMicros(server.child.pid);
    const result = await load(url, bodies, { duration: DURATION });
    const cpu1 = threadCpuMicros(server.child.pid);
    result.mainCpuMicros = (cpu1.main - cpu0.main) / result.total;
    result.otherCpuMicros = (cpu1.other - cpu0.other) / result.total;
    await stop(server.child);
    // H and V again right after the run, so the ratio compares like with like on a busy machine.
    const v = measureNativeVerify().opsPerSecond;
    const bare = await measureBare(Math.min(DURATION, 5));
    const h = bare.requestsPerSecond;
    result.localCeiling = 1 / (1 / h + 1 / v);
    console.log(
      `${label}, ${mode}: ${fmt(result.requestsPerSecond)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}, server CPU/request ${result.mainCpuMicros.toFixed(0)} µs event loop + ${result.otherCpuMicros.toFixed(0)} µs other threads; beside it H ${fmt(h)} (${generatorNote(bare)}), V ${fmt(v)}, ratio ${(result.requestsPerSecond / result.localCeiling).toFixed(2)}`,
    );
    results[mode] = result;
    results.bodies = bodies;
  }
  console.log(`   (${fmt(keys)} keys filled in ${fillSeconds.toFixed(1)} s)`);
  return results;
}

async function registrationRun() {
  const dataDir = join(work, 'data-register');
  const server = await startServer(dataDir);
  const bodies = [];
  for (let i = 0; i < 150_000; i++) {
    bodies.push(JSON.stringify(registrationBody(`reg-${i}`)));
  }
  const result = await load(`${server.url}/api/crypto/keys/register`, bodies, {
    duration: Math.min(DURATION, 8),
  });
  await stop(server.child);
  console.log(
    `registration (SQLite, synchronous=FULL): ${fmt(result.requestsPerSecond)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, non-2xx ${result.non2xx}`,
  );
  return result;
}

const loadAverage = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
console.log(
  `datafold-server bench: 50 connections, ${DURATION} s per load, loopback, Node ${process.version}, load average ${loadAverage()}`,
);
const V = measureNativeVerify().opsPerSecond;
console.log(`V  raw sodium-native verify, one thread: ${fmt(V)} ops/s`);

const bareRun = await measureBare();
const H = bareRun.requestsPerSecond;
console.log(`H  bare Fastify JSON route: ${fmt(H)} req/s (${generatorNote(bareRun)})`);

const ceiling = 1 / (1 / H + 1 / V);
const small = await verifyRun('verify, 1,000 keys', 1000);
const big = await verifyRun(`verify, ${fmt(BIG)} keys`, BIG);
const reg = await registrationRun();

console.log('');
console.log(`load average at the end: ${loadAverage()}`);
console.log(`ceiling 1/(1/H + 1/V) at the start = ${fmt(ceiling)} req/s`);
const line = (name, ok, detail) => console.log(`${ok ? 'PASS' : 'MISS'}  ${name}: ${detail}`);
for (const [mode] of MODES) {
  const s1 = small[mode];
  const b1 = big[mode];
  for (const [name, r] of [
    ['1,000', s1],
    [fmt(BIG), b1],
  ]) {
    const ratio = r.requestsPerSecond / r.localCeiling;
    line(
      `verify throughput, ${name} keys, ${mode}`,
      ratio >= 0.7,
      `${fmt(r.requestsPerSecond)} = ${ratio.toFixed(2)} x the ceiling measured beside it (target 0.70)`,
    );
  }
  line(
    `verify p99, 1,000 / ${fmt(BIG)} keys, ${mode}`,
    s1.p99 <= 10 && b1.p99 <= 10,
    `${s1.p99} / ${b1.p99} ms (target <= 10)`,
  );
  line(
    `${fmt(BIG)} keys vs 1,000 keys, ${mode}`,
    b1.requestsPerSecond >= 0.9 * s1.requestsPerSecond,
    `${(b1.requestsPerSecond / s1.requestsPerSecond).toFixed(2)} (target >= 0.90)`,
  );
}
line(
  'registrations/s on SQLite',
  reg.requestsPerSecond >= 2000,
  `${fmt(reg.requestsPerSecond)} (target >= 2,000)`,
);
process.exit(0);
