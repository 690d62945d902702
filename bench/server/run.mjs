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
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import sodium from 'sodium-native';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(root, 'packages/server/dist/main.js');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const BIG = arg('--keys', 1_000_000);
const DURATION = arg('--duration', 8);
const SAMPLE_CLIENTS = 200;

const work = mkdtempSync(join(tmpdir(), 'datafold-bench-'));
const children = new Set();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

function keyPair() {
  const publicKey = Buffer.alloc(32);
  const secretKey = Buffer.alloc(64);
  sodium.crypto_sign_keypair(publicKey, secretKey);
  return { publicKey, secretKey };
}

function signHex(secretKey, message) {
  const sig = Buffer.alloc(64);
  sodium.crypto_sign_detached(sig, Buffer.from(message), secretKey);
  return sig.toString('hex');
}

/** V: single-thread sodium-native verify ops/s over ~2 s. */
function measureNativeVerify() {
  const { publicKey, secretKey } = keyPair();
  const message = Buffer.from('benchmark message of a typical size, about sixty bytes long');
  const sig = Buffer.from(signHex(secretKey, message), 'hex');
  let ops = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < 2_000_000_000n) {
    for (let i = 0; i < 500; i++) sodium.crypto_sign_verify_detached(sig, message, publicKey);
    ops += 500;
    elapsed = process.hrtime.bigint() - start;
  }
  return ops / (Number(elapsed) / 1e9);
}

function spawnChild(args, env = {}) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function waitHealthy(url) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

function load(url, bodies, duration = DURATION) {
  const bodiesFile = join(work, `bodies-${randomBytes(4).toString('hex')}.ndjson`);
  writeFileSync(bodiesFile, bodies.join('\n'));
  return new Promise((resolve, reject) => {
    const child = spawnChild([
      join(here, 'load.mjs'),
      JSON.stringify({ url, bodiesFile, duration }),
    ]);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load exited ${code}`)),
    );
  });
}

async function startServer(dataDir) {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawnChild(
    [MAIN, '--port', String(port), '--data-dir', dataDir, '--log-level', 'warn'],
    {
      DATAFOLD_RATE_LIMIT_IP: '0',
      DATAFOLD_RATE_LIMIT_CLIENT: '0',
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url);
  return { child, url };
}

/** Registers SAMPLE_CLIENTS real keys through the API and returns verify bodies for them. */
async function sampleClients(url, prefix) {
  const bodies = [];
  for (let i = 0; i < SAMPLE_CLIENTS; i++) {
    const { publicKey, secretKey } = keyPair();
    const clientId = `${prefix}-${i}`;
    const res = await fetch(`${url}/api/crypto/keys/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: clientId, public_key: publicKey.toString('hex') }),
    });
    if (res.status !== 201) throw new Error(`registration failed: ${res.status}`);
    const message = `benchmark message ${i} of a typical size, about sixty bytes`;
    bodies.push(
      JSON.stringify({ client_id: clientId, message, signature: signHex(secretKey, message) }),
    );
  }
  return bodies;
}

/** Fills a data directory with `count` registrations straight through SQLite (filler rows). */
async function fill(dataDir, count) {
  const server = await startServer(dataDir); // creates the schema through the migrations
  await stop(server.child);
  const db = new Database(join(dataDir, 'datafold.sqlite'));
  db.pragma('journal_mode = WAL');
  const insert = db.prepare(
    `insert into registrations (registration_id, client_id, public_key, status, registered_at, proof_verified)
     values (?, ?, ?, 'active', ?, 0)`,
  );
  const at = new Date().toISOString();
  const batch = db.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const h = createHash('sha256').update(`filler-${i}`).digest('hex');
      insert.run(
        `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
        `filler-${i}`,
        h,
        at,
      );
    }
  });
  for (let i = 0; i < count; i += 50_000) batch(i, Math.min(count, i + 50_000));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** H: the bare Fastify route's req/s now (on a shared machine, measured beside every run). */
async function measureBare(duration = DURATION) {
  const bare = spawnChild([join(here, 'bare-server.mjs')]);
  const port = await new Promise((resolve) =>
    bare.stdout.once('data', (d) => resolve(Number(String(d).trim()))),
  );
  const bodies = [
    JSON.stringify({
      client_id: 'bench',
      message: 'benchmark message of a typical size, about sixty bytes',
      signature: 'ab'.repeat(64),
    }),
  ];
  await load(`http://127.0.0.1:${port}/bare`, bodies, 2);
  const h = (await load(`http://127.0.0.1:${port}/bare`, bodies, duration)).requestsPerSecond;
  await stop(bare);
  return h;
}

async function verifyRun(label, keys) {
  const dataDir = join(work, `data-${keys}`);
  const t0 = Date.now();
  await fill(dataDir, keys - SAMPLE_CLIENTS);
  const fillSeconds = (Date.now() - t0) / 1000;
  const results = {};
  // Default configuration (SQLite verify-lookup cache on), then every lookup from the database.
  for (const [mode, env] of [
    ['cached', {}],
    ['uncached', { DATAFOLD_VERIFY_CACHE_SIZE: '0' }],
  ]) {
    const server = await startServer(dataDir, env);
    const bodies =
      mode === 'cached' ? await sampleClients(server.url, `bench-${keys}`) : results.bodies;
    await load(`${server.url}/api/crypto/signatures/verify`, bodies, 2); // warm-up
    const result = await load(`${server.url}/api/crypto/signatures/verify`, bodies);
    await stop(server.child);
    // H and V again right after the run, so the ratio compares like with like on a busy machine.
    const v = measureNativeVerify();
    const h = await measureBare(Math.min(DURATION, 5));
    result.localCeiling = 1 / (1 / h + 1 / v);
    console.log(
      `${label}, lookup ${mode}: ${fmt(result.requestsPerSecond)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}; beside it H ${fmt(h)}, V ${fmt(v)}, ratio ${(result.requestsPerSecond / result.localCeiling).toFixed(2)}`,
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
    bodies.push(
      JSON.stringify({ client_id: `reg-${i}`, public_key: keyPair().publicKey.toString('hex') }),
    );
  }
  const result = await load(
    `${server.url}/api/crypto/keys/register`,
    bodies,
    Math.min(DURATION, 8),
  );
  await stop(server.child);
  console.log(
    `registration (SQLite, synchronous=FULL): ${fmt(result.requestsPerSecond)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, non-2xx ${result.non2xx}`,
  );
  return result;
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');

console.log(
  `datafold-server bench: 50 connections, ${DURATION} s per load, loopback, Node ${process.version}`,
);
const V = measureNativeVerify();
console.log(`V  raw sodium-native verify, one thread: ${fmt(V)} ops/s`);

const H = await measureBare();
console.log(`H  bare Fastify JSON route: ${fmt(H)} req/s`);

const ceiling = 1 / (1 / H + 1 / V);
const small = await verifyRun('verify, 1,000 keys', 1000);
const big = await verifyRun(`verify, ${fmt(BIG)} keys`, BIG);
const reg = await registrationRun();

console.log('');
console.log(`ceiling 1/(1/H + 1/V) at the start = ${fmt(ceiling)} req/s`);
const line = (name, ok, detail) => console.log(`${ok ? 'PASS' : 'MISS'}  ${name}: ${detail}`);
for (const mode of ['cached', 'uncached']) {
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
