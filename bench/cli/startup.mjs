// CLI start-up beside node's own, in the same run (issue 5, "Start-up").
//
//   npm run build && node bench/cli/startup.mjs [--runs 30]
//
// Each round runs every command once, in turn (interleaved, so load from other processes hits
// all of them alike), as a fresh process with a temp HOME and the `interactive` security level.
// Reported: median wall time and median CPU time (user + system of the process and its threads,
// to the microsecond from wait4() through rusage.py beside this file: much less disturbed than
// wall time by other processes on a shared machine), and ratios of the medians against the
// baselines:
//   - commands that do no KDF work (verify-local, export-public-key, --version) against
//     `node -e ''` — target ≤ 1.3×;
//   - KDF-bound commands (generate-key: one Argon2id to encrypt; sign: one to decrypt) against a
//     node process that runs the same Argon2id once through the same implementation the CLI
//     uses (the native `argon2` addon that '@datafold/js-sdk/node' loads, else hash-wasm) —
//     target ≤ 1.2×.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numberArg } from '../args.mjs';

const RUNS = numberArg('--runs', 30);
const BIN = fileURLToPath(new URL('../../packages/cli/bin/datafold_cli.js', import.meta.url));
const HASH_WASM = fileURLToPath(
  new URL('../../node_modules/hash-wasm/dist/index.esm.js', import.meta.url),
);
const NATIVE_ARGON2 = fileURLToPath(
  new URL('../../node_modules/argon2/argon2.cjs', import.meta.url),
);
const home = mkdtempSync(join(tmpdir(), 'datafold-cli-bench-'));
const env = {
  ...process.env,
  HOME: home,
  DATAFOLD_PASSPHRASE: 'correct horse battery staple',
  NO_COLOR: '1',
};
delete env.DATAFOLD_CONFIG_PATH;
delete env.DATAFOLD_CRYPTO_STORAGE;

const cli = (...args) =>
  execFileSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' }).trim();
cli('crypto', 'init', '--method', 'random', '--security-level', 'interactive');
const publicKey = cli('crypto', 'generate-key', '--key-id', 'bench');
const signature = cli('crypto', 'sign', '--key-id', 'bench', '--message', 'Hello DataFold');

// The KDF alone: what generate-key and sign cannot avoid — node's start, loading the Argon2id
// implementation the SDK uses, and one derivation at the interactive cost (m=19456 KiB, t=2).
const kdfScript = join(home, 'kdf-alone.mjs');
const salt = 'crypto.getRandomValues(new Uint8Array(32))';
writeFileSync(
  kdfScript,
  existsSync(NATIVE_ARGON2)
    ? `import { createRequire } from 'node:module';\n` +
        `const argon2 = createRequire(import.meta.url)(${JSON.stringify(NATIVE_ARGON2)});\n` +
        `await argon2.hash('correct horse battery staple', { type: argon2.argon2id, raw: true, salt: Buffer.from(${salt}), memoryCost: 19456, timeCost: 2, parallelism: 1, hashLength: 32 });\n`
    : `import { argon2id } from ${JSON.stringify(HASH_WASM)};\n` +
        `await argon2id({ password: 'correct horse battery staple', salt: ${salt}, memorySize: 19456, iterations: 2, parallelism: 1, hashLength: 32, outputType: 'binary' });\n`,
);

const verifyLocal = [
  BIN,
  'crypto',
  'verify-local',
  '--public-key',
  publicKey,
  '--message',
  'Hello DataFold',
  '--signature',
  signature,
];
let n = 0;
const cases = [
  { name: "node -e ''", argv: ['-e', ''] },
  { name: 'kdf alone (node + Argon2id once)', argv: [kdfScript] },
  { name: 'datafold_cli --version', argv: [BIN, '--version'], base: "node -e ''" },
  {
    name: 'verify-local',
    argv: verifyLocal,
    base: "node -e ''",
  },
  {
    // What the first run of a command costs, before the per-user V8 code cache holds it (every
    // other row runs with the cache the warm-up rounds leave, as a user's second run does).
    name: 'verify-local, no code cache',
    argv: verifyLocal,
    env: { DATAFOLD_CLI_NO_CODE_CACHE: '1' },
    base: "node -e ''",
  },
  {
    name: 'export-public-key',
    argv: [BIN, 'crypto', 'export-public-key', '--key-id', 'bench'],
    base: "node -e ''",
  },
  {
    name: 'generate-key',
    argv: () => [BIN, 'crypto', 'generate-key', '--key-id', `g${n++}`],
    base: 'kdf alone (node + Argon2id once)',
  },
  {
    name: 'sign',
    argv: [BIN, 'crypto', 'sign', '--key-id', 'bench', '--message', 'Hello DataFold'],
    base: 'kdf alone (node + Argon2id once)',
  },
];

const RUSAGE = fileURLToPath(new URL('./rusage.py', import.meta.url));
const times = new Map(cases.map((c) => [c.name, { wall: [], cpu: [] }]));
const loadBefore = loadavg()[0];
for (let round = -2; round < RUNS; round++) {
  for (const c of cases) {
    const argv = typeof c.argv === 'function' ? c.argv() : c.argv;
    const r = spawnSync('python3', [RUSAGE, process.execPath, ...argv], {
      env: { ...env, ...c.env },
      // stdout is a pipe, as when a script captures it (`PK=$(datafold_cli ...)`).
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`${c.name} failed: ${r.stderr}`);
    const usage = JSON.parse(r.stderr.trim().split('\n').pop());
    if (round < 0) continue; // two warm-up rounds fill the page cache
    times.get(c.name).wall.push(usage.wall);
    times.get(c.name).cpu.push(usage.user + usage.sys);
  }
}
rmSync(home, { recursive: true, force: true });

const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
console.log(
  `datafold_cli start-up, ${RUNS} interleaved runs each, node ${process.version}, ` +
    `load average ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after`,
);
console.log(
  `${'command'.padEnd(34)} ${'wall ms'.padStart(8)} ${'cpu ms'.padStart(8)}  ratio wall, cpu (medians) vs baseline`,
);
for (const c of cases) {
  const t = times.get(c.name);
  let ratio = '';
  if (c.base) {
    const b = times.get(c.base);
    ratio = `${(median(t.wall) / median(b.wall)).toFixed(2)}x, ${(median(t.cpu) / median(b.cpu)).toFixed(2)}x vs ${c.base}`;
  }
  console.log(
    `${c.name.padEnd(34)} ${median(t.wall).toFixed(1).padStart(8)} ${median(t.cpu).toFixed(1).padStart(8)}  ${ratio}`,
  );
}
