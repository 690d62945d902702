#!/usr/bin/env node
// bench/server/postgres-scale: datafold-server on PostgreSQL against itself on SQLite, every figure
// a ratio of two loads measured in this one run (issue 18, item 4). Loopback only, 50 connections,
// DURATION seconds per load (default 5). Needs `npm run build` first and PostgreSQL's binaries
// (the cluster is a throwaway one from @datafold/test-support).
//
//   registration, PostgreSQL / SQLite                              target >= 0.5
//   verify (lookup cache on, 1,000 keys), PostgreSQL / SQLite       target >= 0.9
//   verify on PostgreSQL, 1,000,000 keys / 1,000 keys               target >= 0.9
//   verify, two instances on one PostgreSQL / one instance          target >= 1.6
//     (and, from CPU per request, what two instances do with the cores to themselves)
//
// Usage: node bench/server/postgres-scale.mjs [--keys 1000000] [--duration 5]
//        [--repeat 3] [--only register,verify,keys,instances]
// Each ratio compares medians of --repeat runs per side, run alternately, because the machine's
// load drifts between loads.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { startPostgresCluster } from '@datafold/test-support';
import pg from 'pg';
import {
  fill,
  fmt,
  load,
  registrationBody,
  sampleClients,
  startServer,
  stop,
  threadCpuMicros,
  work,
} from './harness.mjs';
import { argValue, numberArg } from '../args.mjs';

const BIG = numberArg('--keys', 1_000_000);
const DURATION = numberArg('--duration', 5);
const REPEAT = numberArg('--repeat', 3);
const ONLY = new Set(argValue('--only', 'register,verify,keys,instances').split(','));
const SAMPLE_CLIENTS = 200;

const cluster = await startPostgresCluster();
process.on('exit', () => cluster.stop());

/** A fresh PostgreSQL database with the schema (a server started once runs the migrations). */
async function freshPostgres(name) {
  const url = await cluster.createDatabase();
  const server = await startServer(join(work, `unused-${name}`), { DATABASE_URL: url });
  await stop(server.child);
  return url;
}

/**
 * `count` filler registrations written by PostgreSQL itself in one INSERT ... SELECT over
 * generate_series, the bulk path (the rows of harness.mjs's SQLite `fill`, same shape).
 */
async function fillPostgres(url, count) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `insert into registrations (registration_id, client_id, public_key, status, registered_at, proof_verified)
       select '00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'), 'filler-' || i,
              encode(sha256(convert_to('filler-' || i, 'UTF8')), 'hex'), 'active', $1, 0
       from generate_series(0, $2::int - 1) as i`,
      [new Date().toISOString(), count],
    );
    // Settled before anything is measured: no autovacuum or checkpoint of the fill during a load.
    await client.query('vacuum analyze registrations');
    await client.query('checkpoint');
  } finally {
    await client.end();
  }
}

/**
 * One measured load after a short warm-up, with the server's CPU per request. Registrations warm
 * up with bodies of their own: a body sent twice is a 409, not a registration.
 */
async function measure(server, path, bodies, warmUpBodies = bodies) {
  const url = `${server.url}${path}`;
  await load(url, warmUpBodies, { duration: 1 });
  const cpu0 = threadCpuMicros(server.child.pid);
  const result = await load(url, bodies, { duration: DURATION });
  const cpu1 = threadCpuMicros(server.child.pid);
  result.cpuMicros = (cpu1.main + cpu1.other - cpu0.main - cpu0.other) / result.total;
  return result;
}

const describe = (r) =>
  `${fmt(r.requestsPerSecond)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}` +
  (r.cpuMicros === undefined ? '' : `, server CPU ${r.cpuMicros.toFixed(0)} µs/request`);

/** The verify-lookup cache's counts so far (hit, miss, bypass while the feed is not confirmed). */
async function cacheLookups(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const counts = text
    .split('\n')
    .filter((l) => l.startsWith('datafold_verify_cache_lookups_total{'))
    .map((l) => `${l.match(/result="(\w+)"/)?.[1]} ${fmt(Number(l.split(' ').at(-1)))}`);
  return counts.join(', ') || 'not reported';
}

const registrationBodies = (prefix) =>
  Array.from({ length: 60_000 }, (_, i) => JSON.stringify(registrationBody(`${prefix}-${i}`)));

async function registration(label, env, round) {
  const server = await startServer(join(work, `register-${label}`), env);
  const result = await measure(
    server,
    '/api/crypto/keys/register',
    registrationBodies(`${label}-${round}`),
    registrationBodies(`${label}-${round}-warm-up`),
  );
  await stop(server.child);
  console.log(`registration, ${label}: ${describe(result)}`);
  return result;
}

/**
 * Verify with the default configuration (lookup cache on) on a server over `env`'s database; the
 * first run on a database registers the sample clients, later ones reuse them.
 */
async function verify(label, dataDir, env, samples = null) {
  const server = await startServer(dataDir, env);
  const bodies =
    samples ??
    (await sampleClients(
      server.url,
      `bench-${label.replace(/[^A-Za-z0-9]/g, '')}`,
      SAMPLE_CLIENTS,
    ));
  const result = await measure(server, '/api/crypto/signatures/verify', bodies);
  const lookups = await cacheLookups(server.url);
  await stop(server.child);
  console.log(`verify, ${label}: ${describe(result)}; lookup cache ${lookups}`);
  return { result, bodies };
}

/**
 * `count` instances on one database, instance i pinned to core i (all its threads), each loaded by
 * its own generator with 50 / count connections; PostgreSQL and the generators are not pinned.
 * The generators are raw-load.mjs, the leanest we have (vs-peer.mjs explains why): on a machine
 * of two cores they share the servers' cores, so every µs they spend is one the servers lack.
 */
async function instances(count, url, bodies) {
  const generator = 'raw-load.mjs';
  const servers = [];
  for (let i = 0; i < count; i++) {
    const server = await startServer(join(work, `instance-${count}-${i}`), { DATABASE_URL: url });
    execFileSync('taskset', ['-a', '-pc', String(i % cpus().length), String(server.child.pid)], {
      stdio: 'ignore',
    });
    servers.push(server);
  }
  const path = '/api/crypto/signatures/verify';
  const connections = Math.floor(50 / count);
  await Promise.all(
    servers.map((s) => load(`${s.url}${path}`, bodies, { duration: 1, connections, generator })),
  );
  const cpu = () =>
    servers.reduce((sum, s) => {
      const t = threadCpuMicros(s.child.pid);
      return sum + t.main + t.other;
    }, 0);
  const cpu0 = cpu();
  const results = await Promise.all(
    servers.map((s) =>
      load(`${s.url}${path}`, bodies, { duration: DURATION, connections, generator }),
    ),
  );
  const cpuUsed = cpu() - cpu0;
  const requests = results.reduce((sum, r) => sum + r.total, 0);
  await Promise.all(servers.map((s) => stop(s.child)));
  const total = {
    requestsPerSecond: results.reduce((sum, r) => sum + r.requestsPerSecond, 0),
    p50: Math.max(...results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
  };
  // The servers' CPU per request: unchanged from one instance to two means the second instance
  // costs nothing extra, whatever share of the cores the rest of the machine left them.
  total.cpuMicros = cpuUsed / requests;
  total.generatorMicros =
    results.reduce((sum, r) => sum + r.cpuMicrosPerRequest * r.total, 0) / requests;
  console.log(
    `verify, ${count} instance(s) on one PostgreSQL, pinned to ${count} core(s): ${describe(total)}; ` +
      `load generators ${total.generatorMicros.toFixed(0)} µs/request`,
  );
  return total;
}

const loadAverage = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
console.log(
  `datafold-server on PostgreSQL vs SQLite: 50 connections, ${DURATION} s per load, loopback, Node ${process.version}, load average ${loadAverage()}`,
);

const lines = [];
const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

/**
 * Runs `a` and `b` REPEAT times each, alternating which goes first (the machine's load drifts),
 * and records the ratio of their median req/s.
 */
async function compare(name, target, a, b) {
  const ra = [];
  const rb = [];
  for (let round = 0; round < REPEAT; round++) {
    if (round % 2 === 0) {
      ra.push((await a(round)).requestsPerSecond);
      rb.push((await b(round)).requestsPerSecond);
    } else {
      rb.push((await b(round)).requestsPerSecond);
      ra.push((await a(round)).requestsPerSecond);
    }
  }
  const ratio = median(ra) / median(rb);
  lines.push(
    `${ratio >= target ? 'PASS' : 'MISS'}  ${name}: ${ratio.toFixed(2)} (target >= ${target}; medians ${fmt(median(ra))} / ${fmt(median(rb))} req/s of ${REPEAT} runs each)`,
  );
}

if (ONLY.has('register')) {
  const postgresUrl = await freshPostgres('reg');
  await compare(
    'registration, PostgreSQL / SQLite',
    0.5,
    (round) => registration('PostgreSQL', { DATABASE_URL: postgresUrl }, round),
    (round) => registration('SQLite', {}, round),
  );
}

// Samples: the verify bodies of each database's registered sample clients, kept across runs.
const samples = new Map();
async function verifyOn(label, dataDir, env) {
  const { result, bodies } = await verify(label, dataDir, env, samples.get(label));
  samples.set(label, bodies);
  return result;
}

let smallUrl = null;
const smallPostgres = () =>
  verifyOn('PostgreSQL, 1,000 keys', join(work, 'unused-small'), { DATABASE_URL: smallUrl });
if (ONLY.has('verify') || ONLY.has('keys') || ONLY.has('instances')) {
  smallUrl = await freshPostgres('small');
  await fillPostgres(smallUrl, 1000 - SAMPLE_CLIENTS);
}
if (ONLY.has('verify')) {
  const dataDir = join(work, 'verify-sqlite');
  await fill(dataDir, 1000 - SAMPLE_CLIENTS);
  await compare('verify with the lookup cache, PostgreSQL / SQLite', 0.9, smallPostgres, () =>
    verifyOn('SQLite, 1,000 keys', dataDir, {}),
  );
}
if (ONLY.has('keys')) {
  const bigUrl = await freshPostgres('big');
  const t0 = Date.now();
  await fillPostgres(bigUrl, BIG - SAMPLE_CLIENTS);
  console.log(`   (${fmt(BIG)} keys filled in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  await compare(
    `verify on PostgreSQL, ${fmt(BIG)} keys / 1,000 keys`,
    0.9,
    () =>
      verifyOn(`PostgreSQL, ${fmt(BIG)} keys`, join(work, 'unused-big'), { DATABASE_URL: bigUrl }),
    smallPostgres,
  );
}
if (ONLY.has('instances')) {
  if (!samples.has('PostgreSQL, 1,000 keys')) await smallPostgres();
  const bodies = samples.get('PostgreSQL, 1,000 keys');
  const runs = { 1: [], 2: [] };
  const measured = (count) => async () => {
    const run = await instances(count, smallUrl, bodies);
    runs[count].push(run);
    return run;
  };
  await compare(
    'verify, two instances on one PostgreSQL / one instance',
    1.6,
    measured(2),
    measured(1),
  );
  // What the CPU figures allow when the load comes from other machines: each instance on a core of
  // its own, so two do 2 x one's rate times how much of one's CPU per request the second adds.
  const cpuOf = (count, field) => median(runs[count].map((r) => r[field]));
  const one = cpuOf(1, 'cpuMicros');
  const two = cpuOf(2, 'cpuMicros');
  const generators = cpuOf(2, 'generatorMicros');
  lines.push(
    `      from CPU per request (medians): one instance ${one.toFixed(0)} µs, two instances ${two.toFixed(0)} µs ` +
      `-> two instances with the cores to themselves = ${((2 * one) / two).toFixed(2)} x one; here the ` +
      `load generators took ${generators.toFixed(0)} µs/request of the same two cores, which bounds ` +
      `two instances at 2e6 / (${two.toFixed(0)} + ${generators.toFixed(0)}) = ${fmt(2e6 / (two + generators))} req/s`,
  );
}

console.log('');
console.log(`load average at the end: ${loadAverage()}`);
for (const l of lines) console.log(l);
process.exit(0);
