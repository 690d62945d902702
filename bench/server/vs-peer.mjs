#!/usr/bin/env node
// bench/server: datafold-server side by side with the original DataFold server (Rust: actix-web,
// sled, ed25519-dalek), the system it replaces. Each server runs pinned to one core (`taskset`),
// the load generator pinned to another, and both get the same load and the same request bytes:
// verify (with KEYS keys registered), status and register at CONNECTIONS connections, DURATION
// seconds per load, REPS repetitions interleaved (ours, then the peer, route by route), medians.
// Every status and verify request carries the Signature-Input/Signature headers the peer's
// request-signature middleware asks for, with a nonce of its own; registrations carry our proof
// of possession (the peer ignores the field), one fresh key per request.
//
// Beside them, in the same run and on the same core: H, a bare Fastify JSON route (bare-server.mjs)
// loaded like verify, and V, raw sodium-native verify on one thread; B = 1/(1/H + 1/V) is what
// one core could do if a verify cost exactly one bare HTTP exchange plus one signature check.
//
// Usage (needs `npm run build` first and `taskset`, from util-linux):
//   DATAFOLD_PEER_BIN=/path/to/datafold_http_server node bench/server/vs-peer.mjs
//     [--duration 10] [--reps 3] [--connections 50] [--keys 1000]
//     [--server-cpu 0] [--load-cpu 1] [--load-procs 1] [--pipelining 1] [--generator raw|autocannon]
// --load-cpu takes a taskset list (2,3 or 2-3); with --load-procs 2 it spreads the generator over
// more cores on a machine that has them. The default generator is raw-load.mjs (lean, ours);
// --generator autocannon uses load.mjs.
// Without DATAFOLD_PEER_BIN it prints our rows beside H and V.
import { existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { loadavg, cpus as machineCpus } from 'node:os';
import { join } from 'node:path';
import {
  fmt,
  keyPair,
  load,
  registrationBody,
  signHex,
  spawnChild,
  spawnPinned,
  startBare,
  startServer,
  busiestThreadWaitMicros,
  stop,
  threadCpuMicros,
  threadSchedMicros,
  waitHealthy,
  work,
} from './harness.mjs';
import { argValue, numberArg } from '../args.mjs';

const DURATION = numberArg('--duration', 10);
const REPS = numberArg('--reps', 3);
const CONNECTIONS = numberArg('--connections', 50);
const KEYS = numberArg('--keys', 1000);
const SERVER_CPU = argValue('--server-cpu', '0');
const LOAD_CPU = argValue('--load-cpu', '1');
const LOAD_PROCS = numberArg('--load-procs', 1);
const PIPELINING = numberArg('--pipelining', 1);
// raw-load.mjs costs a third to a quarter of autocannon's CPU per request (see its header).
const GENERATOR = argValue('--generator', 'raw') === 'autocannon' ? 'load.mjs' : 'raw-load.mjs';
const WARMUP_SECONDS = Math.min(2, DURATION);
const PEER_BIN = process.env.DATAFOLD_PEER_BIN;

if (PEER_BIN && !existsSync(PEER_BIN)) {
  throw new Error(`DATAFOLD_PEER_BIN does not exist: ${PEER_BIN}`);
}

/**
 * The peer's configuration: its "Lenient" request-signature profile (headers checked for form,
 * `created` window and nonce reuse, the signature itself not verified), rate limiting, attack
 * detection and security logging off, nonces kept 1 s so the nonce store stays small.
 */
const PEER_CONFIG = (storagePath) => ({
  storage_path: storagePath,
  network_listen_address: '/ip4/127.0.0.1/tcp/0',
  crypto: null,
  signature_auth: {
    security_profile: 'Lenient',
    allowed_time_window_secs: 600,
    clock_skew_tolerance_secs: 120,
    nonce_ttl_secs: 1,
    max_nonce_store_size: 1_000_000,
    enforce_rfc3339_timestamps: false,
    require_uuid4_nonces: false,
    max_future_timestamp_secs: 300,
    required_signature_components: ['@method', '@target-uri', 'content-type'],
    log_replay_attempts: false,
    security_logging: {
      enabled: false,
      include_correlation_ids: false,
      include_client_info: false,
      include_performance_metrics: false,
      log_successful_auth: false,
      min_severity: 'Critical',
      max_log_entry_size: 1024,
    },
    rate_limiting: {
      enabled: false,
      max_requests_per_window: 100_000,
      window_size_secs: 60,
      track_failures_separately: false,
      max_failures_per_window: 100_000,
    },
    attack_detection: {
      enabled: false,
      brute_force_threshold: 1000,
      brute_force_window_secs: 300,
      replay_threshold: 1000,
      enable_timing_protection: false,
      base_response_delay_ms: 0,
    },
    response_security: {
      include_security_headers: true,
      consistent_timing: false,
      detailed_error_messages: false,
      include_correlation_id: false,
    },
  },
});

const freePort = () => 20000 + Math.floor(Math.random() * 20000);

/** The peer on a random loopback port, pinned, its data and log in a directory of the run. */
async function startPeer() {
  const dir = join(work, 'peer');
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, 'node_config.json');
  writeFileSync(configFile, JSON.stringify(PEER_CONFIG(join(dir, 'data')), null, 1));
  const port = freePort();
  const child = spawnPinned(PEER_BIN, ['--port', String(port)], {
    env: { NODE_CONFIG: configFile },
    cpus: SERVER_CPU,
    cwd: dir,
    stderr: openSync(join(dir, 'peer.log'), 'w'),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, '/api/system/status');
  return { name: 'peer', child, url };
}

async function startOurs() {
  const dataDir = join(work, 'ours');
  const { child, url } = await startServer(dataDir, {}, [], SERVER_CPU);
  return { name: 'ours', child, url };
}

/** V: raw sodium-native verify on one thread, in a child pinned to the servers' core. */
function measurePinnedVerify() {
  const harness = new URL('./harness.mjs', import.meta.url).href;
  const code = `import { measureNativeVerify } from '${harness}';
process.stdout.write(JSON.stringify(measureNativeVerify()));
process.exit(0);`;
  const child = spawnChild(['--input-type=module', '-e', code], {}, [], SERVER_CPU);
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`verify child exited ${code}`)),
    ),
  );
}

/** The KEYS clients both servers get: registration bodies, verify bodies and status paths. */
function makeClients() {
  const clients = [];
  for (let i = 0; i < KEYS; i++) {
    const key = keyPair();
    const clientId = `vs-peer-${i}`;
    const message = `benchmark message ${i} of a typical size, about sixty bytes`;
    clients.push({
      registration: JSON.stringify(registrationBody(clientId, key)),
      verify: JSON.stringify({
        client_id: clientId,
        message,
        signature: signHex(key.secretKey, message),
      }),
      statusPath: `/api/crypto/keys/status/${clientId}`,
    });
  }
  return clients;
}

/** Registers the clients, 16 at a time; every answer must be 201. */
async function registerAll(server, clients) {
  let next = 0;
  const worker = async () => {
    while (next < clients.length) {
      const body = clients[next++].registration;
      const res = await fetch(`${server.url}/api/crypto/keys/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      if (res.status !== 201) {
        throw new Error(`${server.name}: registration answered ${res.status} ${await res.text()}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * One load of LOAD_PROCS generator processes (connections split between them) on the load core,
 * with the server's CPU time read around it. Returns req/s, p99 (the worst generator's), the
 * server's CPU µs per request and the generators' share of a core.
 */
async function measure(child, url, requests, duration) {
  const perProc = Math.max(1, Math.floor(CONNECTIONS / LOAD_PROCS));
  const cpu0 = threadCpuMicros(child.pid);
  const sched0 = threadSchedMicros(child.pid);
  const results = await Promise.all(
    Array.from({ length: LOAD_PROCS }, () =>
      load(url, requests.bodies, {
        duration,
        connections: perProc,
        cpus: LOAD_CPU,
        pipelining: PIPELINING,
        generator: GENERATOR,
        ...requests.options,
      }),
    ),
  );
  const cpu1 = threadCpuMicros(child.pid);
  const sched1 = threadSchedMicros(child.pid);
  const total = results.reduce((s, r) => s + r.total, 0);
  const seconds = Math.max(...results.map((r) => r.seconds));
  const serverMicros = cpu1.main + cpu1.other - cpu0.main - cpu0.other;
  return {
    requestsPerSecond: results.reduce((s, r) => s + r.requestsPerSecond, 0),
    p99: Math.max(...results.map((r) => r.p99)),
    non2xx: results.reduce((s, r) => s + r.non2xx, 0),
    created: results.reduce((s, r) => s + (r.statusCodes?.['201']?.count ?? 0), 0),
    errors: results.reduce((s, r) => s + r.errors + r.timeouts, 0),
    statusCodes: results.map((r) => r.statusCodes),
    serverCpuMicros: serverMicros / Math.max(1, total),
    // Share of its core the server got: well under 1.0 means it waited for something else —
    // the load generator, the disk, or other work on a shared machine.
    serverCoreShare: serverMicros / 1e6 / seconds,
    // Time its busiest thread (event loop, worker) was ready to run but other work held the
    // core, over wall time.
    serverRunQueueShare: busiestThreadWaitMicros(sched0, sched1) / 1e6 / seconds,
    generatorCoreShare: results.reduce((s, r) => s + r.coreShare, 0),
    generatorRunQueueShare: Math.max(...results.map((r) => r.runQueueShare)),
    generatorCpuMicros:
      results.reduce((s, r) => s + r.cpuMicrosPerRequest * r.total, 0) / Math.max(1, total),
  };
}

const signed = { signatureHeaders: true };

/** The request mix of each route; registrations are made fresh for every load. */
function routeRequests(route, clients, serverName, expectedRate) {
  if (route === 'verify') {
    return {
      path: '/api/crypto/signatures/verify',
      bodies: clients.map((c) => c.verify),
      options: signed,
    };
  }
  if (route === 'status') {
    return {
      path: '',
      bodies: undefined,
      options: { ...signed, method: 'GET', paths: clients.map((c) => c.statusPath) },
    };
  }
  // Enough fresh registrations for the load at the rate expected; if they run out the load ends
  // early (each is sent once) and req/s is counted over the time it ran.
  const count = Math.ceil(expectedRate * DURATION * 1.5) + 1000;
  const prefix = `reg-${serverName}-${Date.now()}`;
  return {
    path: '/api/crypto/keys/register',
    bodies: Array.from({ length: count }, (_, i) =>
      JSON.stringify(registrationBody(`${prefix}-${i}`)),
    ),
    options: { eachBodyOnce: true },
  };
}

const ROUTES = ['verify', 'status', 'register'];
const ROUTE_NAMES = {
  verify: `verify (${fmt(KEYS)} keys)`,
  status: 'status',
  register: 'register',
};

const loadAverage = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

console.log(
  `datafold-server vs the original DataFold server: ${CONNECTIONS} connections, ${DURATION} s per load, ${REPS} repetitions, medians; ` +
    `servers on core ${SERVER_CPU}, load generator (${GENERATOR}, ${LOAD_PROCS} process${LOAD_PROCS > 1 ? 'es' : ''}, pipelining ${PIPELINING}) on core ${LOAD_CPU}`,
);
console.log(
  `machine: ${machineCpus().length} cores (${machineCpus()[0]?.model ?? 'unknown'}), Node ${process.version}, load average ${loadAverage()}`,
);
if (!PEER_BIN) console.log('DATAFOLD_PEER_BIN not set: our rows beside H and V only');

const clients = makeClients();
const servers = [await startOurs()];
if (PEER_BIN) servers.push(await startPeer());
for (const server of servers) await registerAll(server, clients);
console.log(`${fmt(KEYS)} keys registered on ${servers.map((s) => s.name).join(' and ')}`);

const bare = await startBare([], SERVER_CPU);
const bareRequests = { bodies: [clients[0].verify], options: signed };

// Warm-up: JIT, caches and connection set-up, not measured.
for (const server of servers) {
  for (const route of ['verify', 'status']) {
    const r = routeRequests(route, clients, server.name, 0);
    await measure(server.child, `${server.url}${r.path}`, r, WARMUP_SECONDS);
  }
}
await measure(bare.child, bare.url, bareRequests, WARMUP_SECONDS);

const samples = {}; // samples[route][server] = [result per repetition]
const record = (route, server, result) => {
  samples[route] ??= {};
  (samples[route][server] ??= []).push(result);
};
const pct = (share) => `${(share * 100).toFixed(0)} %`;
const describe = (r) =>
  `${fmt(r.requestsPerSecond).padStart(7)} req/s, p99 ${r.p99} ms, server ${r.serverCpuMicros.toFixed(0)} µs CPU/request ` +
  `(${pct(r.serverCoreShare)} of its core, its busiest thread waited ${pct(r.serverRunQueueShare)} for it), load generator ${r.generatorCpuMicros.toFixed(0)} µs/request (${pct(r.generatorCoreShare)} of its core, waited ${pct(r.generatorRunQueueShare)} for it)` +
  (r.non2xx || r.errors
    ? `, NON-2XX ${r.non2xx} ERRORS ${r.errors} ${JSON.stringify(r.statusCodes)}`
    : '');
const expected = { ours: 6000, peer: 400 }; // first guess of registrations/s, then measured
// Registrations each server holds: the peer scans every stored registration on each
// registration (its duplicate-key check), so its register row depends on this count.
const held = { ours: KEYS, peer: KEYS };

for (let rep = 1; rep <= REPS; rep++) {
  for (const route of ROUTES) {
    for (const server of servers) {
      const r = routeRequests(route, clients, server.name, expected[server.name]);
      const result = await measure(server.child, `${server.url}${r.path}`, r, DURATION);
      record(route, server.name, result);
      let note = '';
      if (route === 'register') {
        expected[server.name] = result.requestsPerSecond;
        note = ` (${fmt(held[server.name])} registrations held before)`;
        held[server.name] += result.created;
      }
      console.log(
        `  rep ${rep} ${route.padEnd(8)} ${server.name.padEnd(4)} ${describe(result)}${note}`,
      );
    }
  }
  const h = await measure(bare.child, bare.url, bareRequests, DURATION);
  record('H', 'bare', h);
  const v = await measurePinnedVerify();
  record('V', 'sodium', v);
  console.log(`  rep ${rep} H bare     ${describe(h)}`);
  console.log(
    `  rep ${rep} V ${fmt(v.opsPerSecond)} ops/s (${v.cpuMicros.toFixed(1)} µs/op); load average ${loadAverage()}`,
  );
}
await stop(bare.child);
for (const server of servers) await stop(server.child);

const med = (route, server, field) => median(samples[route][server].map((r) => r[field]));

const FIELDS = [
  'requestsPerSecond',
  'p99',
  'serverCpuMicros',
  'serverCoreShare',
  'serverRunQueueShare',
  'generatorCoreShare',
  'generatorRunQueueShare',
  'generatorCpuMicros',
];
const medians = (route, server) =>
  Object.fromEntries(FIELDS.map((f) => [f, med(route, server, f)]));
const rows = ROUTES.map((route) => ({
  route,
  ours: medians(route, 'ours'),
  peer: PEER_BIN ? medians(route, 'peer') : undefined,
}));
const h = medians('H', 'bare');
const both = (ours, peer, show) => (peer ? `${show(ours)} / ${show(peer)}` : show(ours));
const micros = (n) => `${n.toFixed(0)} µs`;

console.log('');
console.log(
  PEER_BIN
    ? '| route | ours req/s | peer req/s | ours / peer | p99 ours / peer | server CPU per request, ours / peer |\n|---|---|---|---|---|---|'
    : '| route | ours req/s | p99 | server CPU per request |\n|---|---|---|---|',
);
for (const { route, ours, peer } of rows) {
  const cells = peer
    ? [fmt(ours.requestsPerSecond), fmt(peer.requestsPerSecond)]
    : [fmt(ours.requestsPerSecond)];
  if (peer) cells.push((ours.requestsPerSecond / peer.requestsPerSecond).toFixed(2));
  cells.push(`${both(ours.p99, peer?.p99, String)} ms`);
  cells.push(both(ours.serverCpuMicros, peer?.serverCpuMicros, micros));
  console.log(`| ${ROUTE_NAMES[route]} | ${cells.join(' | ')} |`);
}
console.log(
  `| H bare Fastify route | ${fmt(h.requestsPerSecond)} |${PEER_BIN ? ' | |' : ''} ${h.p99} ms | ${micros(h.serverCpuMicros)} |`,
);

console.log(
  `(register: ${servers.map((s) => `${s.name} held ${fmt(KEYS)} registrations at the first load, ${fmt(held[s.name])} at the end`).join('; ')})`,
);

// Was the server the limit? A server well under its whole core — above all one whose threads
// waited for the core (other work on a shared machine) — or a load generator near its whole core
// means the req/s above measure something else as well; CPU per request holds up better.
console.log('');
console.log(
  `| route | server's share of its core${PEER_BIN ? ', ours / peer' : ''} | server's busiest thread waiting for its core | load generator's share of its core | load generator waiting for its core | load generator CPU per request |`,
);
console.log('|---|---|---|---|---|---|');
const limitRow = (name, ours, peer) =>
  console.log(
    `| ${name} | ${both(ours.serverCoreShare, peer?.serverCoreShare, pct)} | ` +
      `${both(ours.serverRunQueueShare, peer?.serverRunQueueShare, pct)} | ` +
      `${both(ours.generatorCoreShare, peer?.generatorCoreShare, pct)} | ` +
      `${both(ours.generatorRunQueueShare, peer?.generatorRunQueueShare, pct)} | ` +
      `${both(ours.generatorCpuMicros, peer?.generatorCpuMicros, micros)} |`,
  );
for (const { route, ours, peer } of rows) limitRow(ROUTE_NAMES[route], ours, peer);
limitRow('H bare Fastify route', h);

const H = h.requestsPerSecond;
const V = med('V', 'sodium', 'opsPerSecond');
const B = 1 / (1 / H + 1 / V);
console.log('');
console.log(`H  bare Fastify JSON route, verify's request bytes: ${fmt(H)} req/s`);
console.log(
  `V  raw sodium-native verify, one thread: ${fmt(V)} ops/s (${med('V', 'sodium', 'cpuMicros').toFixed(1)} µs/op)`,
);
console.log(
  `B = 1/(1/H + 1/V) = ${fmt(B)} req/s; our verify = ${(rows[0].ours.requestsPerSecond / B).toFixed(2)} x B` +
    (PEER_BIN
      ? `, the peer's verify = ${(rows[0].peer.requestsPerSecond / B).toFixed(2)} x B`
      : ''),
);
const generatorBusiest = Math.max(
  h.generatorCoreShare,
  ...rows.flatMap(({ ours, peer }) => [ours.generatorCoreShare, peer?.generatorCoreShare ?? 0]),
);
if (generatorBusiest > 0.9) {
  console.log(
    `the load generator used up to ${pct(generatorBusiest)} of its core: where it did, it is a limit too (try --load-procs 2 on a machine with a core to spare, or --pipelining)`,
  );
}
console.log(`load average at the end: ${loadAverage()}`);
process.exit(0);
