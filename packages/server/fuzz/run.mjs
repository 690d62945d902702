#!/usr/bin/env node
// Fuzzes every operation of datafold-server's OpenAPI document with schemathesis, against a real
// server on SQLite and another on a throwaway PostgreSQL, with a bounded number of cases and a
// fixed seed (the same run every time; pass --seed N to explore others). What must hold: no
// server error, every answer in its documented status and schema (the envelope included), every
// schema-invalid request refused, 405 for undeclared methods, authentication enforced.
//
// One check is left out, positive_data_acceptance: three rules cannot be written in JSON Schema —
// an Ed25519 key must be a canonical curve point of large order, a timestamp a real date (no
// February 30th), and a listing cursor one this server issued — so a schema-valid request can be
// refused for them. Everything else the server enforces is in the document.
//
// Usage: node packages/server/fuzz/run.mjs [--examples 25] [--seed 20261207]
// Needs `npm run build` and the fuzzer's environment (scripts/test-api-fuzz.sh makes it).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  runServerCommand,
  startDatafoldServer,
  startPostgresCluster,
  createToken,
} from '@datafold/test-support';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const EXAMPLES = arg('--examples', '25');
const SEED = arg('--seed', '20261207');
const SCHEMATHESIS = fileURLToPath(new URL('./.venv/bin/schemathesis', import.meta.url));
if (!existsSync(SCHEMATHESIS)) {
  console.error(`${SCHEMATHESIS} is missing: run scripts/test-api-fuzz.sh`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'datafold-fuzz-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

/** Every rate limit off: the fuzzer sends thousands of failing requests from one address. */
const NO_LIMITS = { rateLimits: false };

function fuzz(label, url, token) {
  console.log(`\n== ${label}: schemathesis over ${url}/openapi.json`);
  const args = [
    'run',
    `${url}/openapi.json`,
    '--checks',
    'all',
    '--exclude-checks',
    'positive_data_acceptance',
    '--max-examples',
    EXAMPLES,
    '--seed',
    SEED,
    '--phases',
    'examples,coverage,fuzzing',
    '--header',
    `Authorization: Bearer ${token}`,
    '--no-color',
  ];
  return new Promise((resolve) => {
    // In a temporary directory: schemathesis keeps a cache of what it found where it runs.
    const child = spawn(SCHEMATHESIS, args, { stdio: 'inherit', cwd: work });
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

const results = [];
const sqlite = await startDatafoldServer(NO_LIMITS);
try {
  results.push([
    'SQLite',
    await fuzz('SQLite', sqlite.url, await createToken(sqlite.dataDir, 'admin')),
  ]);
} finally {
  await sqlite.stop();
}

const cluster = await startPostgresCluster();
try {
  const databaseUrl = await cluster.createDatabase();
  const postgres = await startDatafoldServer({
    ...NO_LIMITS,
    dataDir: false,
    env: { DATABASE_URL: databaseUrl },
  });
  try {
    const made = await runServerCommand(['token', 'create', '--role', 'admin'], {
      DATABASE_URL: databaseUrl,
    });
    const token = /^dfk_\S+$/m.exec(made.stdout)?.[0];
    if (!token) throw new Error(`token create failed:\n${made.stdout}${made.stderr}`);
    results.push(['PostgreSQL', await fuzz('PostgreSQL', postgres.url, token)]);
    // A fuzzer that found nothing must still have left the server healthy and its log intact.
    const audit = await runServerCommand(['audit', 'verify'], { DATABASE_URL: databaseUrl });
    results.push(['PostgreSQL audit chain after fuzzing', audit.code]);
    if (audit.code !== 0) console.error(audit.stdout);
  } finally {
    await postgres.stop();
  }
} finally {
  cluster.stop();
}

console.log('');
for (const [label, code] of results) console.log(`${code === 0 ? 'PASS' : 'FAIL'}  ${label}`);
process.exit(results.every(([, code]) => code === 0) ? 0 : 1);
