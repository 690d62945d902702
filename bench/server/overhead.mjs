#!/usr/bin/env node
// bench/server: the per-request overhead budget. Logging, metrics, rate limiting, security
// headers and request ids together may cost at most 15 µs of server CPU per request at the
// default log level (info: one `request completed` line per request). Measures, in one run, the
// server's CPU time per request (all its threads, from /proc) on the status and verify routes at
// 50 connections, with every part on (the defaults; the rate limits counting every request but
// set high enough never to refuse one) and with every part off, and prints the difference
// against the budget. With --parts, also each part alone on top of "all off".
//
// The servers of every configuration run side by side, each on its own copy of one data
// directory, and take the load in short bursts in turn, round after round: a change in what
// else the machine runs falls on all of them alike, which matters on a shared machine where
// CPU time per request drifts by more than the budget. Parts are left out through
// DATAFOLD_BENCH_LEAVE_OUT (packages/server/src/http/overhead-parts.ts), the rate limits through
// their own settings. Each server's log goes to a pipe this process drains, as a log collector
// would read it.
//
// Every server is pinned to one core and the load generator (raw-load.mjs, the lean one) to the
// other, as vs-peer.mjs does. Unpinned, autocannon (100-160 µs of CPU per request, more than a
// server's) competed with the servers for both cores, and each server, seeing two cores, verified
// on its verify thread, a configuration vs-peer.mjs does not measure. Pinned is not quiet on a
// shared machine: on a busy one, three pinned runs put the status overhead at 28, 28 and 17 µs
// (verify 34 on the older build, then 16 and 17), about as spread as unpinned runs (19, 19), so
// compare builds within one run or one right after the other. --unpinned runs as before
// (autocannon, no taskset).
//
// Usage: node bench/server/overhead.mjs [--burst 3000] [--rounds 6] [--parts] [--profile DIR]
//          [--server-cpu 0] [--load-cpu 1] [--unpinned]
//   --profile DIR  runs the servers under `node --cpu-prof`, profiles in DIR/<configuration>
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, load, sampleClients, startServer, stop, threadCpuMicros, work } from './harness.mjs';
import { argValue, flag, numberArg } from '../args.mjs';

const BURST = numberArg('--burst', 3_000);
const ROUNDS = numberArg('--rounds', 6);
const PARTS = flag('--parts');
const PROFILE = argValue('--profile');
const PINNED = !flag('--unpinned');
const SERVER_CPU = PINNED ? argValue('--server-cpu', '0') : undefined;
const LOAD_CPU = PINNED ? argValue('--load-cpu', '1') : undefined;
const GENERATOR = PINNED ? 'raw-load.mjs' : 'load.mjs';
const BUDGET_MICROS = 15;

const LEAVABLE = ['logging', 'metrics', 'security-headers', 'request-ids'];
const ALL = [...LEAVABLE, 'rate-limits'];
const LIMIT_ENVS = [
  'DATAFOLD_RATE_LIMIT_IP',
  'DATAFOLD_RATE_LIMIT_CLIENT',
  'DATAFOLD_RATE_LIMIT_FAILURES_IP',
  'DATAFOLD_RATE_LIMIT_REGISTER_IP',
];

/** A configuration: the parts that run, as the server's environment. */
function configuration(name, partsOn) {
  const leftOut = LEAVABLE.filter((p) => !partsOn.includes(p));
  // Every limit counting (the highest the config accepts: one address is never refused), or off.
  const limit = partsOn.includes('rate-limits') ? '100000000' : '0';
  return {
    name,
    env: {
      ...Object.fromEntries(LIMIT_ENVS.map((env) => [env, limit])),
      ...(leftOut.length > 0 ? { DATAFOLD_BENCH_LEAVE_OUT: leftOut.join(',') } : {}),
    },
  };
}
const ON = configuration('all on', ALL);
const OFF = configuration('all off', []);
const CONFIGS = [ON, OFF, ...(PARTS ? ALL.map((p) => configuration(`${p} alone`, [p])) : [])];

const dataDir = join(work, 'data-overhead');
const ROUTES = ['status', 'verify'];

/** Registers the sample clients once; each server gets its own copy of that data directory. */
async function prepare() {
  const server = await startServer(dataDir);
  const verifyBodies = await sampleClients(server.url, 'ovh');
  await stop(server.child);
  const statusPaths = verifyBodies.map(
    (body) => `/api/crypto/keys/status/${JSON.parse(body).client_id}`,
  );
  return {
    status: { path: '', options: { method: 'GET', paths: statusPaths } },
    verify: { path: '/api/crypto/signatures/verify', bodies: verifyBodies, options: {} },
  };
}

async function start(config, index) {
  const copy = join(work, `data-overhead-${index}`);
  cpSync(dataDir, copy, { recursive: true });
  const nodeFlags = PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${join(PROFILE, config.name.replaceAll(' ', '-'))}`]
    : [];
  const server = await startServer(copy, config.env, nodeFlags, SERVER_CPU, [
    '--log-level',
    'info',
  ]);
  server.child.stdout.resume(); // the log, drained as a collector would
  return server;
}

/** One burst at 50 connections; the server's CPU µs (all threads, and the event loop alone). */
async function burst(server, route, amount) {
  const before = threadCpuMicros(server.child.pid);
  const result = await load(`${server.url}${route.path}`, route.bodies, {
    amount,
    cpus: LOAD_CPU,
    generator: GENERATOR,
    ...route.options,
  });
  const after = threadCpuMicros(server.child.pid);
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${route.path || 'status'}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  return {
    requests: result.total,
    all: after.main + after.other - before.main - before.other,
    main: after.main - before.main,
  };
}

console.log(
  `Per-request overhead: ${ROUNDS} rounds of ${fmt(BURST)}-request bursts per route and ` +
    `configuration at 50 connections, servers side by side taking turns, log level info, ` +
    (PINNED
      ? `servers on core ${SERVER_CPU}, load generator (raw-load.mjs) on core ${LOAD_CPU}, `
      : 'unpinned (autocannon), ') +
    `Node ${process.version}`,
);
const routes = await prepare();
const servers = [];
for (const [i, config] of CONFIGS.entries()) servers.push(await start(config, i));
// Warm-up (the JIT, the caches) on every server before anything is counted.
for (const server of servers) for (const route of ROUTES) await burst(server, routes[route], 3_000);

const totals = CONFIGS.map(() =>
  Object.fromEntries(ROUTES.map((r) => [r, { requests: 0, all: 0, main: 0 }])),
);
for (let round = 0; round < ROUNDS; round++) {
  for (const route of ROUTES) {
    // Each round starts with a different server, so none always follows the same one.
    for (let k = 0; k < CONFIGS.length; k++) {
      const i = (round + k) % CONFIGS.length;
      const b = await burst(servers[i], routes[route], BURST);
      const t = totals[i][route];
      t.requests += b.requests;
      t.all += b.all;
      t.main += b.main;
    }
  }
}
await Promise.all(servers.map((s) => stop(s.child)));

const perRequest = (i, route, field = 'all') => totals[i][route][field] / totals[i][route].requests;
const us = (n) => `${n.toFixed(1)} µs`;
let within = true;
for (const route of ROUTES) {
  const on = perRequest(0, route);
  const off = perRequest(1, route);
  const overhead = on - off;
  within &&= overhead <= BUDGET_MICROS;
  console.log(
    `${route.padEnd(6)}: all on ${us(on)}, all off ${us(off)} server CPU/request ` +
      `(event loop ${us(perRequest(0, route, 'main'))} vs ${us(perRequest(1, route, 'main'))}); ` +
      `overhead ${us(overhead)} = ${(overhead / BUDGET_MICROS).toFixed(2)} × the ${BUDGET_MICROS} µs budget`,
  );
}
console.log(`overhead ${within ? 'within' : 'OVER'} the ${BUDGET_MICROS} µs budget on both routes`);
for (let i = 2; i < CONFIGS.length; i++) {
  const cost = ROUTES.map((route) => `${route} ${us(perRequest(i, route) - perRequest(1, route))}`);
  console.log(`${CONFIGS[i].name.padEnd(22)}: ${cost.join(', ')} over all off`);
}
process.exit(0);
