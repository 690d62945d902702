#!/usr/bin/env node
// KDF benchmark: the SDK's key derivation beside the platform's own limit, measured in the same
// run. Baselines: the Argon2 C reference CLI (Debian package `argon2`), node:crypto's scrypt,
// pbkdf2 and hkdfSync (OpenSSL). Build first: `npm run build && node bench/kdf.mjs`.
//
// Targets (issue 2): Argon2id (64 MiB, t=3, p=1) at most 1.7x the C reference; HKDF at least
// 20,000 derivations/s.
import { spawnSync } from 'node:child_process';
import { hkdfSync, pbkdf2, scrypt as nodeScrypt } from 'node:crypto';
import { promisify } from 'node:util';
import { fmt, medianSeconds, opsPerSecond, printTable } from './measure.mjs';

const sdk = await loadSdk(['argon2id', 'scrypt', 'pbkdf2', 'hkdf', 'deriveKey']);
const RUNS = Number(process.env.KDF_BENCH_RUNS ?? 5);

const password = new TextEncoder().encode('correct horse battery staple');
const salt = new Uint8Array(32).fill(0x5a);
const masterKey = new Uint8Array(32).fill(0x42);
const info = new TextEncoder().encode('datafold_signing_v1');
const rows = [];

// Argon2id, RFC 9106 §4's second recommended option with one lane: our backup default.
{
  const params = { memory: 65536, iterations: 3, parallelism: 1, length: 32 };
  await sdk.argon2id(password, salt, params); // compile the WASM module before timing
  // Interleaved, so both sides see the same load on a shared machine.
  const ours = [];
  const reference = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await sdk.argon2id(password, salt, params);
    ours.push((performance.now() - start) / 1000);
    reference.push(argon2CliSeconds(params));
  }
  rows.push(
    row(
      'Argon2id m=64MiB t=3 p=1',
      median(ours),
      'argon2 C reference CLI',
      median(reference),
      '<= 1.7x',
      1.7,
    ),
  );
}

// scrypt with the parameters existing DataFold backups use.
{
  const params = { n: 32768, r: 8, p: 1, length: 32 };
  await sdk.scrypt(password, salt, params);
  const ours = await medianSeconds(() => sdk.scrypt(password, salt, params), RUNS);
  const scryptAsync = promisify(nodeScrypt);
  const options = { N: params.n, r: params.r, p: params.p, maxmem: 256 * params.n * params.r };
  const theirs = await medianSeconds(() => scryptAsync(password, salt, 32, options), RUNS);
  rows.push(row('scrypt N=2^15 r=8 p=1', ours, 'node:crypto.scrypt', theirs));
}

// PBKDF2-HMAC-SHA256 at the floor.
{
  const ours = await medianSeconds(() => sdk.pbkdf2(password, salt, 100_000, 32, 'SHA-256'), RUNS);
  const pbkdf2Async = promisify(pbkdf2);
  const theirs = await medianSeconds(
    () => pbkdf2Async(password, salt, 100_000, 32, 'sha256'),
    RUNS,
  );
  rows.push(row('PBKDF2-SHA256 100,000 it.', ours, 'node:crypto.pbkdf2', theirs));
}

printTable('KDF time per derivation (median of ' + RUNS + ' runs; lower is better)', rows);

// HKDF: derivations per second, sequentially awaited, as an application would call it.
{
  const empty = new Uint8Array(0);
  const raw = await opsPerSecond(() => sdk.hkdf('SHA-256', masterKey, empty, info, 32));
  const api = await opsPerSecond(() =>
    sdk.deriveKey(masterKey, { algorithm: 'HKDF', info: 'SIGNING', salt: empty }),
  );
  const node = await opsPerSecond(() => hkdfSync('sha256', masterKey, empty, info, 32));
  const target = (v) => (v >= 20_000 ? 'yes' : 'NO');
  printTable('HKDF-SHA256, 32-byte key (higher is better; target >= 20,000/s)', [
    {
      operation: 'SDK hkdf()',
      'derivations/s': fmt(raw),
      'vs node:crypto.hkdfSync': `${fmt(raw / node, 2)}x`,
      'meets target': target(raw),
    },
    {
      operation: 'SDK deriveKey(HKDF)',
      'derivations/s': fmt(api),
      'vs node:crypto.hkdfSync': `${fmt(api / node, 2)}x`,
      'meets target': target(api),
    },
    {
      operation: 'node:crypto.hkdfSync',
      'derivations/s': fmt(node),
      'vs node:crypto.hkdfSync': '1.00x',
      'meets target': '',
    },
  ]);
}

function row(operation, ours, baselineName, theirs, target = '', limit = Infinity) {
  const ratio = ours / theirs;
  return {
    operation,
    'SDK ms': fmt(ours * 1000, 1),
    baseline: baselineName,
    'baseline ms': fmt(theirs * 1000, 1),
    'SDK / baseline': `${fmt(ratio, 2)}x`,
    target: target ? `${target} ${ratio <= limit ? '(met)' : '(MISSED)'}` : '',
  };
}

/** The hashing time the reference CLI prints ("0.180 seconds"), which excludes process start. */
function argon2CliSeconds({ memory, iterations, parallelism, length }) {
  const args = [
    'somesaltsomesalt',
    '-id',
    '-t',
    String(iterations),
    '-k',
    String(memory),
    '-p',
    String(parallelism),
    '-l',
    String(length),
  ];
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
async function loadSdk(names) {
  const found = {};
  try {
    Object.assign(found, await import('@datafold/js-sdk'));
  } catch {
    // Not built with a barrel yet: fall back to the built derivation modules below.
  }
  const files = {
    argon2id: 'argon2id',
    scrypt: 'scrypt',
    pbkdf2: 'pbkdf2',
    hkdf: 'hkdf',
    deriveKey: 'derive-key',
  };
  for (const name of names) {
    if (typeof found[name] === 'function') continue;
    const url = new URL(`../packages/sdk/dist/derivation/${files[name]}.js`, import.meta.url);
    try {
      found[name] = (await import(url.href))[name];
    } catch {
      console.error(`Cannot load ${name}: run \`npm run build\` first.`);
      process.exit(1);
    }
  }
  return found;
}
