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
//     [--server-cpu 0] [--load-cpu 1] [--load-procs 1] [--pipelining 1]
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
  stop,
  threadCpuMicros,
  waitHealthy,
  work,
} from './harness.mjs';

const argValue = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const DURATION = Number(argValue('--duration', 10));
const REPS = Number(argValue('--reps', 3));
const CONNECTIONS = Number(argValue('--connections', 50));
const KEYS = Number(argValue('--keys', 1000));
const SERVER_CPU = argValue('--server-cpu', '0');
const LOAD_CPU = argValue('--load-cpu', '1');
const LOAD_PROCS = Number(argValue('--load-procs', 1));
const PIPELINING = Number(argValue('--pipelining', 1));
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
  const results = await Promise.all(
    Array.from({ length: LOAD_PROCS }, () =>
      load(url, requests.bodies, {
        duration,
        connections: perProc,
        cpus: LOAD_CPU,
        pipelining: PIPELINING,
        ...requests.options,
      }),
    ),
  );
  const cpu1 = threadCpuMicros(child.pid);
  const total = results.reduce((s, r) => s + r.total, 0);
  const serverMicros = cpu1.main + cpu1.other - cpu0.main - cpu0.other;
  return {
    requestsPerSecond: results.reduce((s, r) => s + r.requestsPerSecond, 0),
    p99: Math.max(...results.map((r) => r.p99)),
    non2xx: results.reduce((s, r) => s + r.non2xx, 0),
    errors: results.reduce((s, r) => s + r.errors + r.timeouts, 0),
    statusCodes: results.map((r) => r.statusCodes),
    serverCpuMicros: serverMicros / Math.max(1, total),
    generatorCoreShare: results.reduce((s, r) => s + r.coreShare, 0),
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
    `servers on core ${SERVER_CPU}, load generator (${LOAD_PROCS} process${LOAD_PROCS > 1 ? 'es' : ''}, pipelining ${PIPELINING}) on core ${LOAD_CPU}`,
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
const expected = { ours: 8000, peer: 1000 }; // first guess of registrations/s, then measured

for (let rep = 1; rep <= REPS; rep++) {
  for (const route of ROUTES) {
    for (const server of servers) {
      const r = routeRequests(route, clients, server.name, expected[server.name]);
      const result = await measure(server.child, `${server.url}${r.path}`, r, DURATION);
      if (route === 'register') expected[server.name] = result.requestsPerSecond;
      record(route, server.name, result);
      console.log(
        `  rep ${rep} ${route.padEnd(8)} ${server.name.padEnd(4)} ${fmt(result.requestsPerSecond).padStart(7)} req/s, p99 ${result.p99} ms, ` +
          `server ${result.serverCpuMicros.toFixed(0)} µs CPU/request, load generator ${(result.generatorCoreShare * 100).toFixed(0)} % of a core` +
          (result.non2xx || result.errors
            ? `, NON-2XX ${result.non2xx} ERRORS ${result.errors} ${JSON.stringify(result.statusCodes)}`
            : ''),
      );
    }
  }
  const h = await measure(bare.child, bare.url, bareRequests, DURATION);
  record('H', 'bare', h);
  const v = await measurePinnedVerify();
  record('V', 'sodium', v);
  console.log(
    `  rep ${rep} H bare ${fmt(h.requestsPerSecond)} req/s, p99 ${h.p99} ms, ${h.serverCpuMicros.toFixed(0)} µs CPU/request, load generator ${(h.generatorCoreShare * 100).toFixed(0)} % of a core; ` +
      `V ${fmt(v.opsPerSecond)} ops/s (${v.cpuMicros.toFixed(1)} µs/op); load average ${loadAverage()}`,
  );
}
await stop(bare.child);
for (const server of servers) await stop(server.child);

const med = (route, server, field) => median(samples[route][server].map((r) => r[field]));
const H = med('H', 'bare', 'requestsPerSecond');
const V = med('V', 'sodium', 'opsPerSecond');
const B = 1 / (1 / H + 1 / V);

const rows = ROUTES.map((route) => {
  const ours = {
    rate: med(route, 'ours', 'requestsPerSecond'),
    p99: med(route, 'ours', 'p99'),
    cpu: med(route, 'ours', 'serverCpuMicros'),
    gen: med(route, 'ours', 'generatorCoreShare'),
  };
  const peer = PEER_BIN
    ? {
        rate: med(route, 'peer', 'requestsPerSecond'),
        p99: med(route, 'peer', 'p99'),
        cpu: med(route, 'peer', 'serverCpuMicros'),
        gen: med(route, 'peer', 'generatorCoreShare'),
      }
    : undefined;
  return { route, ours, peer };
});

const pct = (share) => `${(share * 100).toFixed(0)} %`;
console.log('');
if (PEER_BIN) {
  console.log(
    '| route | ours req/s | peer req/s | ours / peer | p99 ours / peer | server CPU per request, ours / peer | load generator CPU, ours / peer |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const { route, ours, peer } of rows) {
    console.log(
      `| ${ROUTE_NAMES[route]} | ${fmt(ours.rate)} | ${fmt(peer.rate)} | ${(ours.rate / peer.rate).toFixed(2)} | ` +
        `${ours.p99} / ${peer.p99} ms | ${ours.cpu.toFixed(0)} / ${peer.cpu.toFixed(0)} µs | ${pct(ours.gen)} / ${pct(peer.gen)} |`,
    );
  }
} else {
  console.log('| route | ours req/s | p99 | server CPU per request | load generator CPU |');
  console.log('|---|---|---|---|---|');
  for (const { route, ours } of rows) {
    console.log(
      `| ${ROUTE_NAMES[route]} | ${fmt(ours.rate)} | ${ours.p99} ms | ${ours.cpu.toFixed(0)} µs | ${pct(ours.gen)} |`,
    );
  }
}
const hCpu = med('H', 'bare', 'serverCpuMicros');
const vCpu = med('V', 'sodium', 'cpuMicros');
console.log('');
console.log(
  `H  bare Fastify JSON route, same request bytes as verify: ${fmt(H)} req/s, p99 ${med('H', 'bare', 'p99')} ms, ${hCpu.toFixed(0)} µs CPU/request, load generator ${pct(med('H', 'bare', 'generatorCoreShare'))} of a core`,
);
console.log(`V  raw sodium-native verify, one thread: ${fmt(V)} ops/s (${vCpu.toFixed(1)} µs/op)`);
const verifyRate = rows[0].ours.rate;
console.log(
  `B = 1/(1/H + 1/V) = ${fmt(B)} req/s; our verify = ${(verifyRate / B).toFixed(2)} x B` +
    (PEER_BIN ? `, the peer's verify = ${(rows[0].peer.rate / B).toFixed(2)} x B` : ''),
);
const busiest = Math.max(
  ...rows.flatMap(({ ours, peer }) => [ours.gen, peer?.gen ?? 0]),
  med('H', 'bare', 'generatorCoreShare'),
);
console.log(
  `load generator: at most ${pct(busiest)} of its core in any row` +
    (busiest > 0.9
      ? ' — near its limit: that row measures the generator as much as the server (try --load-procs 2 or --pipelining)'
      : ''),
);
console.log(`load average at the end: ${loadAverage()}`);
process.exit(0);
