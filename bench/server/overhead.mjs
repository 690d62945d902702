#!/usr/bin/env node
// bench/server: the per-request overhead budget. Logging, metrics, rate limiting, security
// headers and request ids together may cost at most 15 µs of server CPU per request at the
// default log level (info: one `request completed` line per request). Measures, in one run, the
// server's CPU time per request (all threads, from /proc) on the status and verify routes at 50
// connections with every part on (the defaults; the rate limits counting every request but set
// high enough never to refuse one) and with every part off, alternating the two over rounds, and
// prints the medians and their difference against the budget. With --parts it also measures each
// part alone on top of "all off". Parts are left out through DATAFOLD_BENCH_LEAVE_OUT
// (packages/server/src/http/overhead-parts.ts) and the rate limits through their own settings.
// The server's log goes to a pipe this process drains, as it would to a log collector.
//
// Usage: node bench/server/overhead.mjs [--requests 20000] [--rounds 3] [--parts] [--profile DIR]
//   --profile DIR  runs the "all on" servers under `node --cpu-prof`, profiles in DIR
import { join } from 'node:path';
import { fmt, load, sampleClients, startServer, stop, threadCpuMicros, work } from './harness.mjs';

const argValue = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const REQUESTS = Number(argValue('--requests') ?? 20_000);
const ROUNDS = Number(argValue('--rounds') ?? 3);
const PARTS = process.argv.includes('--parts');
const PROFILE = argValue('--profile');
const BUDGET_MICROS = 15;

const PARTS_LEFT_OUT = ['logging', 'metrics', 'security-headers', 'request-ids'];
const LIMIT_ENVS = [
  'DATAFOLD_RATE_LIMIT_IP',
  'DATAFOLD_RATE_LIMIT_CLIENT',
  'DATAFOLD_RATE_LIMIT_FAILURES_IP',
  'DATAFOLD_RATE_LIMIT_REGISTER_IP',
];
/** Every limit counting (the highest the config accepts, so one address is never refused), or off. */
const limits = (on) => Object.fromEntries(LIMIT_ENVS.map((name) => [name, on ? '100000000' : '0']));

/** A server configuration: which parts run. */
function configuration(name, partsOn) {
  const leftOut = PARTS_LEFT_OUT.filter((p) => !partsOn.includes(p));
  return {
    name,
    env: {
      ...limits(partsOn.includes('rate-limits')),
      ...(leftOut.length > 0 ? { DATAFOLD_BENCH_LEAVE_OUT: leftOut.join(',') } : {}),
    },
  };
}
const ALL = [...PARTS_LEFT_OUT, 'rate-limits'];
const ON = configuration('all on', ALL);
const OFF = configuration('all off', []);

const dataDir = join(work, 'data-overhead');
const STATUS = 'status';
const VERIFY = 'verify';

/** Registers the sample clients once; every server of the run opens the same data directory. */
async function prepare() {
  const server = await startServer(dataDir);
  const verifyBodies = await sampleClients(server.url, 'ovh');
  await stop(server.child);
  const statusPaths = verifyBodies.map(
    (body) => `/api/crypto/keys/status/${JSON.parse(body).client_id}`,
  );
  return {
    [STATUS]: { path: '', lines: statusPaths, method: 'GET' },
    [VERIFY]: { path: '/api/crypto/signatures/verify', lines: verifyBodies, method: 'POST' },
  };
}

/** Server CPU µs per request (all threads, and the event loop alone) for REQUESTS requests. */
async function cpuPerRequest(child, url, route) {
  await load(`${url}${route.path}`, route.lines, {
    amount: Math.min(5_000, REQUESTS),
    method: route.method,
  });
  const before = threadCpuMicros(child.pid);
  const result = await load(`${url}${route.path}`, route.lines, {
    amount: REQUESTS,
    method: route.method,
  });
  const after = threadCpuMicros(child.pid);
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${route.path || 'status'}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  return {
    server: (after.main + after.other - before.main - before.other) / result.total,
    main: (after.main - before.main) / result.total,
  };
}

/** One server of a configuration, both routes measured on it. */
async function measure(config, routes, profile = false) {
  const nodeFlags = profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [];
  const server = await startServer(dataDir, config.env, nodeFlags, ['--log-level', 'info']);
  server.child.stdout.resume(); // the log, drained as a collector would
  try {
    return {
      [STATUS]: await cpuPerRequest(server.child, server.url, routes[STATUS]),
      [VERIFY]: await cpuPerRequest(server.child, server.url, routes[VERIFY]),
    };
  } finally {
    await stop(server.child);
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const us = (n) => `${n.toFixed(1)} µs`;

console.log(
  `Per-request overhead, ${fmt(REQUESTS)} requests per route at 50 connections, ${ROUNDS} rounds ` +
    `alternating all on / all off, log level info, Node ${process.version}`,
);
const routes = await prepare();
const samples = { [ON.name]: [], [OFF.name]: [] };
for (let round = 0; round < ROUNDS; round++) {
  // Alternate which goes first, so a drift in the machine's load falls on both alike.
  const order = round % 2 === 0 ? [ON, OFF] : [OFF, ON];
  for (const config of order) {
    samples[config.name].push(await measure(config, routes, PROFILE && config === ON));
  }
}

const medians = (name, route, field) => median(samples[name].map((s) => s[route][field]));
let within = true;
for (const route of [STATUS, VERIFY]) {
  const on = medians(ON.name, route, 'server');
  const off = medians(OFF.name, route, 'server');
  const onLoop = medians(ON.name, route, 'main');
  const offLoop = medians(OFF.name, route, 'main');
  const overhead = on - off;
  within &&= overhead <= BUDGET_MICROS;
  console.log(
    `${route.padEnd(6)}: all on ${us(on)}, all off ${us(off)} server CPU/request ` +
      `(event loop ${us(onLoop)} vs ${us(offLoop)}); overhead ${us(overhead)} = ` +
      `${(overhead / BUDGET_MICROS).toFixed(2)} × the ${BUDGET_MICROS} µs budget`,
  );
}
console.log(`overhead ${within ? 'within' : 'OVER'} the budget on both routes`);

if (PARTS) {
  // Each part alone on top of "all off", one server each, against the all-off medians.
  for (const part of ALL) {
    const alone = await measure(configuration(`${part} alone`, [part]), routes);
    const cost = [STATUS, VERIFY]
      .map((route) => `${route} ${us(alone[route].server - medians(OFF.name, route, 'server'))}`)
      .join(', ');
    console.log(`${part.padEnd(16)}: ${cost} over all off (one sample each)`);
  }
}
process.exit(0);
