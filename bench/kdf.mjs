#!/usr/bin/env node
// KDF benchmark: the SDK's key derivation beside the platform's own limit, measured in the same
// run. Baselines: the Argon2 C reference CLI (Debian package `argon2`), node:crypto's scrypt,
// pbkdf2 and hkdfSync (OpenSSL). Build first: `npm run build && node bench/kdf.mjs`.
//
// Targets (issue 2): Argon2id (64 MiB, t=3, p=1) at most 1.7x the C reference; HKDF at least
// 20,000 derivations/s.
//
// The memory-hard KDFs are compared on CPU time. The reference CLI reports clock(), the CPU time
// of one hash (it then hashes a second time to verify, so its wall time cannot be used), and CPU
// time is also what stays comparable when other work shares the machine. Wall time is printed
// beside it for the SDK and node:crypto.
import { spawnSync } from 'node:child_process';
import { hkdfSync, pbkdf2, scrypt as nodeScrypt } from 'node:crypto';
import { promisify } from 'node:util';
import { fmt, opsPerSecond, printTable } from './measure.mjs';

const sdk = await loadSdk();
const RUNS = Number(process.env.KDF_BENCH_RUNS ?? 5);

const password = new TextEncoder().encode('correct horse battery staple');
const salt = new Uint8Array(32).fill(0x5a);
const masterKey = new Uint8Array(32).fill(0x42);
const info = new TextEncoder().encode('datafold_signing_v1');
const rows = [];

// Argon2id, RFC 9106 §4's second recommended option with one lane: our backup default. Measured
// on both engines: WebAssembly (what browsers run, and Node without the addon) and the native
// addon that '@datafold/js-sdk/node' enables.
{
  const params = { memory: 65536, iterations: 3, parallelism: 1, length: 32 };
  const engines = [
    ['Argon2id m=64MiB t=3 p=1 (WebAssembly)', () => sdk.useArgon2idEngine(undefined)],
    ['Argon2id m=64MiB t=3 p=1 (Node, native)', () => sdk.enableNativeArgon2id()],
  ];
  for (const [label, select] of engines) {
    await select();
    await sdk.argon2id(password, salt, params); // compile or load the engine before timing
    // Interleaved, so both sides see the same load on a shared machine.
    const ours = [];
    const reference = [];
    for (let i = 0; i < RUNS; i++) {
      ours.push(await timeOnce(() => sdk.argon2id(password, salt, params)));
      reference.push({ wall: NaN, cpu: argon2CliCpuSeconds(params) });
    }
    rows.push(row(label, ours, 'argon2 C reference CLI', reference, 1.7));
  }
}

// scrypt with the parameters existing DataFold backups use.
{
  const params = { n: 32768, r: 8, p: 1, length: 32 };
  await sdk.scrypt(password, salt, params);
  const scryptAsync = promisify(nodeScrypt);
  const options = { N: params.n, r: params.r, p: params.p, maxmem: 256 * params.n * params.r };
  const [ours, theirs] = await interleaved(
    () => sdk.scrypt(password, salt, params),
    () => scryptAsync(password, salt, 32, options),
  );
  rows.push(row('scrypt N=2^15 r=8 p=1', ours, 'node:crypto.scrypt', theirs));
}

// PBKDF2-HMAC-SHA256 at the floor.
{
  const pbkdf2Async = promisify(pbkdf2);
  const [ours, theirs] = await interleaved(
    () => sdk.pbkdf2(password, salt, 100_000, 32, 'SHA-256'),
    () => pbkdf2Async(password, salt, 100_000, 32, 'sha256'),
  );
  rows.push(row('PBKDF2-SHA256 100,000 it.', ours, 'node:crypto.pbkdf2', theirs));
}

printTable(`KDF cost per derivation (median of ${RUNS} runs; lower is better)`, rows);

// HKDF: derivations per second, sequentially awaited, as an application would call it.
{
  const empty = new Uint8Array(0);
  const raw = await opsPerSecond(() => sdk.hkdf('SHA-256', masterKey, empty, info, 32));
  const api = await opsPerSecond(() =>
    sdk.deriveKey(masterKey, { algorithm: 'HKDF', info: 'SIGNING', salt: empty }),
  );
  const node = await opsPerSecond(() => hkdfSync('sha256', masterKey, empty, info, 32));
  const hkdfRow = (operation, value) => ({
    operation,
    'derivations/s': fmt(value),
    'vs node:crypto.hkdfSync': `${fmt(value / node, 2)}x`,
    'target >= 20,000/s': value >= 20_000 ? 'met' : 'MISSED',
  });
  printTable('HKDF-SHA256, 32-byte key (higher is better)', [
    hkdfRow('SDK hkdf()', raw),
    hkdfRow('SDK deriveKey(HKDF)', api),
    { ...hkdfRow('node:crypto.hkdfSync', node), 'target >= 20,000/s': '' },
  ]);
}

/** Wall and CPU seconds of one call; CPU counts every thread of this process. */
async function timeOnce(op) {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await op();
  const wall = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

/** RUNS timings of each operation, alternating, after one warm-up call of each. */
async function interleaved(a, b) {
  await a();
  await b();
  const ta = [];
  const tb = [];
  for (let i = 0; i < RUNS; i++) {
    ta.push(await timeOnce(a));
    tb.push(await timeOnce(b));
  }
  return [ta, tb];
}

function row(operation, ours, baselineName, theirs, limit) {
  const ourCpu = median(ours.map((t) => t.cpu));
  const theirCpu = median(theirs.map((t) => t.cpu));
  const theirWall = median(theirs.map((t) => t.wall));
  const ratio = ourCpu / theirCpu;
  return {
    operation,
    'SDK cpu ms': fmt(ourCpu * 1000, 1),
    'SDK wall ms': fmt(median(ours.map((t) => t.wall)) * 1000, 1),
    baseline: baselineName,
    'baseline cpu ms': fmt(theirCpu * 1000, 1),
    'baseline wall ms': Number.isNaN(theirWall) ? 'n/a' : fmt(theirWall * 1000, 1),
    'SDK/baseline (cpu)': `${fmt(ratio, 2)}x`,
    target: limit === undefined ? '' : `<= ${limit}x ${ratio <= limit ? 'met' : 'MISSED'}`,
  };
}

/** The time the reference CLI prints ("0.180 seconds"): clock() around one hash. */
function argon2CliCpuSeconds({ memory, iterations, parallelism, length }) {
  const args = ['somesaltsomesalt', '-id', '-t', String(iterations), '-k', String(memory)];
  args.push('-p', String(parallelism), '-l', String(length));
  const run = spawnSync('argon2', args, {
    input: 'correct horse battery staple',
    encoding: 'utf8',
  });
  if (run.error || run.status !== 0) {
    console.error('The Argon2 C reference CLI is needed: apt-get install argon2');
    process.exit(1);
  }
  const match = /([0-9.]+) seconds/.exec(run.stdout);
  if (!match) throw new Error(`unexpected argon2 output: ${run.stdout}`);
  return Number(match[1]);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The SDK through its package exports; anything the barrel lacks comes from the built files. */
async function loadSdk() {
  try {
    const [main, hazmat, node] = await Promise.all([
      import('@datafold/js-sdk'),
      import('@datafold/js-sdk/hazmat'),
      import('@datafold/js-sdk/node'),
    ]);
    return { ...main, ...hazmat, enableNativeArgon2id: node.enableNativeArgon2id };
  } catch {
    console.error('Cannot load @datafold/js-sdk: run `npm run build` first.');
    process.exit(1);
  }
}
