// Shared parts of the server benches: key pairs, child processes (server, bare route, load
// generator), filling a data directory, and the CPU time a process has used. Loopback only.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalStatement } from '@datafold/js-sdk';
import Database from 'better-sqlite3';
import sodium from 'sodium-native';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
/** The server under test; DATAFOLD_BENCH_SERVER_MAIN points at another build (a before/after). */
export const MAIN =
  process.env.DATAFOLD_BENCH_SERVER_MAIN ?? join(root, 'packages/server/dist/main.js');

export const work = mkdtempSync(join(tmpdir(), 'datafold-bench-'));
const children = new Set();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

export const fmt = (n) => Math.round(n).toLocaleString('en-US');

export function keyPair() {
  const publicKey = Buffer.alloc(32);
  const secretKey = Buffer.alloc(64);
  sodium.crypto_sign_keypair(publicKey, secretKey);
  return { publicKey, secretKey };
}

export function signHex(secretKey, message) {
  const sig = Buffer.alloc(64);
  sodium.crypto_sign_detached(sig, Buffer.from(message), secretKey);
  return sig.toString('hex');
}

/** V: single-thread sodium-native verify, ops/s of wall time and µs of CPU per op, over ~2 s. */
export function measureNativeVerify() {
  const { publicKey, secretKey } = keyPair();
  const message = Buffer.from('benchmark message of a typical size, about sixty bytes long');
  const sig = Buffer.from(signHex(secretKey, message), 'hex');
  let ops = 0;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < 2_000_000_000n) {
    for (let i = 0; i < 500; i++) sodium.crypto_sign_verify_detached(sig, message, publicKey);
    ops += 500;
    elapsed = process.hrtime.bigint() - start;
  }
  const cpu = process.cpuUsage(cpu0);
  return { opsPerSecond: ops / (Number(elapsed) / 1e9), cpuMicros: (cpu.user + cpu.system) / ops };
}

/** CPU time of a process's main thread (its event loop) and of all its other threads, in µs. */
export function threadCpuMicros(pid) {
  let main = 0;
  let other = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const micros = (Number(fields[11]) + Number(fields[12])) * 10_000;
    if (Number(tid) === pid) main += micros;
    else other += micros;
  }
  return { main, other };
}

/**
 * A Node child process; with `cpus` (a `taskset -c` list such as "0") it runs pinned to those
 * cores (taskset execs Node, so the child's pid is Node's).
 */
/**
 * Per thread of a process, the time it ran and the time it was runnable but waited for a CPU
 * (the run queue), in µs (/proc/PID/task/TID/schedstat). The wait of a pinned server's busiest
 * thread against wall time shows how far other work on the machine kept it off its core.
 */
export function threadSchedMicros(pid) {
  const threads = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const [run, wait] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ');
      threads.set(tid, { run: Number(run) / 1000, wait: Number(wait) / 1000 });
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return threads;
}

/** The run-queue wait, in µs, of the thread that ran most between two threadSchedMicros. */
export function busiestThreadWaitMicros(before, after) {
  let busiest = { run: -1, wait: 0 };
  for (const [tid, end] of after) {
    const start = before.get(tid) ?? { run: 0, wait: 0 };
    const run = end.run - start.run;
    if (run > busiest.run) busiest = { run, wait: end.wait - start.wait };
  }
  return busiest.wait;
}

export function spawnChild(args, env = {}, nodeFlags = [], cpus = undefined) {
  return spawnPinned(process.execPath, [...nodeFlags, ...args], { env, cpus });
}

/** Any program as a child process of the bench, optionally pinned, killed when the bench exits. */
export function spawnPinned(file, args, { env = {}, cpus, cwd, stderr = 'inherit' } = {}) {
  const [command, argv] = cpus ? ['taskset', ['-c', cpus, file, ...args]] : [file, args];
  const child = spawn(command, argv, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', stderr],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Waits until GET `url` + `path` answers 2xx (up to 30 s). */
export async function waitHealthy(url, path = '/api/health') {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}${path}`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}

export function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

function linesFile(name, lines) {
  if (!lines) return undefined;
  const file = join(work, `${name}-${randomBytes(4).toString('hex')}.txt`);
  writeFileSync(file, lines.join('\n'));
  return file;
}

/**
 * One bounded autocannon load in its own process (never the server's event loop). `amount`
 * sends exactly that many requests instead of running for `duration` seconds. `cpus` pins the
 * load generator; `generator` is load.mjs (autocannon, the default) or raw-load.mjs (leaner);
 * the other options are theirs (method, paths, signatureHeaders, eachBodyOnce, pipelining).
 */
export function load(
  url,
  bodies,
  { duration = 8, amount, connections = 50, cpus, paths, generator = 'load.mjs', ...more } = {},
) {
  const bodiesFile = linesFile('bodies', bodies);
  const pathsFile = linesFile('paths', paths);
  return new Promise((resolve, reject) => {
    const child = spawnChild(
      [
        join(here, generator),
        JSON.stringify({ url, bodiesFile, pathsFile, duration, amount, connections, ...more }),
      ],
      {},
      [],
      cpus,
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load exited ${code}`)),
    );
  });
}

/** Like `load`, for GET requests cycling through `paths` of `origin`, with `headers` (load-paths.mjs). */
export function loadPaths(origin, paths, { duration = 8, amount, connections = 50, headers } = {}) {
  const pathsFile = linesFile('paths', paths);
  return new Promise((resolve, reject) => {
    const child = spawnChild([
      join(here, 'load-paths.mjs'),
      JSON.stringify({ origin, pathsFile, duration, amount, connections, headers }),
    ]);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load exited ${code}`)),
    );
  });
}

/**
 * datafold-server on a random loopback port, rate limits off, warn-level logs; `cpus` pins it;
 * `args` come last, so they override these.
 */
export async function startServer(dataDir, env = {}, nodeFlags = [], cpus = undefined, args = []) {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawnChild(
    [MAIN, '--port', String(port), '--data-dir', dataDir, '--log-level', 'warn', ...args],
    {
      DATAFOLD_RATE_LIMIT_IP: '0',
      DATAFOLD_RATE_LIMIT_CLIENT: '0',
      DATAFOLD_RATE_LIMIT_FAILURES_IP: '0',
      DATAFOLD_RATE_LIMIT_REGISTER_IP: '0',
      ...env,
    },
    nodeFlags,
    cpus,
  );
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url);
  return { child, url };
}

/** The bare Fastify JSON route (H's server); resolves with its process and URL. */
export async function startBare(nodeFlags = [], cpus = undefined) {
  const bare = spawnChild([join(here, 'bare-server.mjs')], {}, nodeFlags, cpus);
  const port = await new Promise((resolve) =>
    bare.stdout.once('data', (d) => resolve(Number(String(d).trim()))),
  );
  return { child: bare, url: `http://127.0.0.1:${port}/bare` };
}

/** A body of the verify request's shape for the bare route. */
export const BARE_BODIES = [
  JSON.stringify({
    client_id: 'bench',
    message: 'benchmark message of a typical size, about sixty bytes',
    signature: 'ab'.repeat(64),
  }),
];

/**
 * A registration body with the proof of possession the server asks for by default: the `register`
 * statement (spec/http-statements.md) signed by the key being registered.
 */
export function registrationBody(clientId, key = keyPair()) {
  const publicKey = key.publicKey.toString('hex');
  const timestamp = new Date().toISOString();
  const nonce = randomBytes(16).toString('hex');
  const statement = canonicalStatement({
    action: 'register',
    clientId,
    publicKey,
    timestamp,
    nonce,
  });
  const signature = signHex(key.secretKey, statement);
  return { client_id: clientId, public_key: publicKey, proof: { signature, timestamp, nonce } };
}

/** Registers `count` real keys through the API and returns verify bodies for them. */
export async function sampleClients(url, prefix, count = 200) {
  const bodies = [];
  for (let i = 0; i < count; i++) {
    const key = keyPair();
    const { secretKey } = key;
    const clientId = `${prefix}-${i}`;
    const res = await fetch(`${url}/api/crypto/keys/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(registrationBody(clientId, key)),
    });
    if (res.status !== 201) throw new Error(`registration failed: ${res.status}`);
    const message = `benchmark message ${i} of a typical size, about sixty bytes`;
    bodies.push(
      JSON.stringify({ client_id: clientId, message, signature: signHex(secretKey, message) }),
    );
  }
  return bodies;
}

/**
 * Fills a data directory with `count` registrations straight through SQLite (filler rows);
 * `keyNameOf(i)` names row i's key (null, the default: no name).
 */
export async function fill(dataDir, count, keyNameOf = () => null) {
  const server = await startServer(dataDir); // creates the schema through the migrations
  await stop(server.child);
  const db = new Database(join(dataDir, 'datafold.sqlite'));
  db.pragma('journal_mode = WAL');
  const insert = db.prepare(
    `insert into registrations (registration_id, client_id, public_key, key_name, status, registered_at, proof_verified)
     values (?, ?, ?, ?, 'active', ?, 0)`,
  );
  const at = new Date().toISOString();
  const batch = db.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const h = createHash('sha256').update(`filler-${i}`).digest('hex');
      insert.run(
        `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
        `filler-${i}`,
        h,
        keyNameOf(i),
        at,
      );
    }
  });
  for (let i = 0; i < count; i += 50_000) batch(i, Math.min(count, i + 50_000));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
