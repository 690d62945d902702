#!/usr/bin/env node
// bench/server: p99 latency of the admin listing and search (GET /api/admin/registrations) with
// 1,000,000 registrations at 50 connections, beside the bare Fastify JSON route (H) at the same
// concurrency in the same run: the route cannot answer faster than any JSON route does on this
// machine now. Rows are filled straight through SQLite as run.mjs fills them (filler-<i>, all
// active), with key names: every 100th row a word of NAME_WORDS and its number ('laptop 300', 2,500
// rows per word at 1,000,000), the other even rows 'key <i>' (490,000 rows), the odd rows none.
// Target (issue 18): p99 <= 10 ms.
//
// Loads, each DURATION seconds:
//   list         first pages and pages from cursors spread over the whole table
//   list active  the same with ?status=active (the status page index)
//   search       client id prefixes with a full page of matches (filler-1 … filler-9), from cursors
//   search few   client id prefixes with 11 matches: the page is completed from the key-name phase
//                (registration-listing.ts), whose text no name contains
//   search name  the key-name phase alone (no client id starts with the text), a word of 2,500
//                names ('laptop'), first pages and from cursors spread over the table
//   search none  the key-name phase alone, text that no name contains
//   search key   the key-name phase alone, 'key' (490,000 names), first pages and from cursors
//   search mixed the key-name phase alone, texts of common trigrams rarer together ('key 12' in
//                about 5,500 names, 'key 345' in about 550), first pages and from cursors
//   sort client  ?sort=client_id from cursors (the client page index)
//   sort used    ?sort=-last_used from cursors: the filler rows were never used, so the null phase
//                of the last-used index (registration-sort.ts)
//   older than   ?older_than_days=0, newest first, from cursors (a slice of the status page index)
//   never used   ?never_used=true&sort=client_id: a filter the client index cannot answer, applied
//                to a bounded window of it
//
// Deep cursors of the plain list are the two-element cursors of earlier servers, which go on
// oldest first; the other loads use the sorted listing's cursors.
//
// The key-name loads read the trigram postings of migration 0007 (key-name-trigram-walk.ts) for
// texts of three characters or more; before it, they walked at most a window of 10,000
// registrations per request.
//
// Usage: node bench/server/admin-listing.mjs [--rows 1000000] [--duration 5] [--limit 50] [--data-dir DIR]
//          [--loads 'list,sort used']   only the named loads
//   --data-dir DIR  fill DIR once and reuse it on later runs (filling 1,000,000 rows takes minutes;
//                   a DIR filled before the key names were has none, and the name loads find nothing)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import {
  BARE_BODIES,
  MAIN,
  fill,
  fmt,
  load,
  loadPaths,
  startBare,
  startServer,
  stop,
  work,
} from './harness.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('--rows', 1_000_000);
const DURATION = arg('--duration', 5);
const LIMIT = arg('--limit', 50);
const TARGET_P99_MS = 10;

const loadAverage = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const registrationId = (i) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const cursorOf = (parts) => Buffer.from(JSON.stringify(parts)).toString('base64url');
/** Spread positions over the table, the same every run. */
const positions = (count) =>
  Array.from({ length: count }, (_, k) => Math.floor(((k + 0.5) * ROWS) / count));
const NAME_WORDS = ['laptop', 'build box', 'phone', 'ci-runner'];
/** The key name of filled row i: rare words, a common one, and none. */
const keyNameOf = (i) =>
  i % 100 === 0
    ? `${NAME_WORDS[(i / 100) % NAME_WORDS.length]} ${i}`
    : i % 2 === 0
      ? `key ${i}`
      : null;

console.log(
  `admin listing bench: ${fmt(ROWS)} registrations, 50 connections, ${DURATION} s per load, limit ${LIMIT}, Node ${process.version}, load average ${loadAverage()}`,
);
const keptDir = process.argv.includes('--data-dir')
  ? process.argv[process.argv.indexOf('--data-dir') + 1]
  : null;
const dataDir = keptDir ?? join(work, 'data-admin');
if (keptDir && existsSync(join(keptDir, 'datafold.sqlite'))) {
  console.log(`(reusing the registrations in ${keptDir})`);
} else {
  const t0 = Date.now();
  await fill(dataDir, ROWS, keyNameOf);
  console.log(`(${fmt(ROWS)} rows filled in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
const token = execFileSync(
  process.execPath,
  [MAIN, 'token', 'create', '--role', 'auditor', '--label', 'bench', '--data-dir', dataDir],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
).trim();
const headers = { authorization: `Bearer ${token}` };

const bare = await startBare();
await load(bare.url, BARE_BODIES, { duration: 2 });
const h = await load(bare.url, BARE_BODIES, { duration: DURATION });
await stop(bare.child);
console.log(`H  bare Fastify JSON route: ${fmt(h.requestsPerSecond)} req/s, p99 ${h.p99} ms`);

const server = await startServer(dataDir);
const first = await (
  await fetch(`${server.url}/api/admin/registrations?limit=1`, { headers })
).json();
const at = first.data.items[0].registered_at;
const base = `/api/admin/registrations?limit=${LIMIT}`;
const deep = positions(200).map((i) => `&cursor=${cursorOf([at, registrationId(i)])}`);
const searchCursor = (digit, i) =>
  cursorOf(['client', `filler-${digit}${String(i).padStart(5, '0')}`, at, registrationId(0)]);

const sortedCursor = (sort, phase, after) => cursorOf(['s1', sort, phase, ...after]);
/** First pages of a key-name search for each text, and pages from cursors spread over the table. */
const nameSearch = (texts) =>
  texts.flatMap((t) => [
    `${base}&search=${encodeURIComponent(t)}`,
    ...positions(50).map(
      (i) =>
        `${base}&search=${encodeURIComponent(t)}&cursor=${cursorOf(['name', at, registrationId(i)])}`,
    ),
  ]);
const fillerName = (i) => `filler-${i}`;

const LOADS = [
  ['list', [base, ...deep.map((c) => base + c)]],
  ['list active', [`${base}&status=active`, ...deep.map((c) => `${base}&status=active${c}`)]],
  [
    'search',
    Array.from({ length: 9 }, (_, d) => d + 1).flatMap((d) => [
      `${base}&search=filler-${d}`,
      ...positions(20).map(
        (i) => `${base}&search=filler-${d}&cursor=${searchCursor(d, i % 100_000)}`,
      ),
    ]),
  ],
  ['search few', positions(200).map((i) => `${base}&search=filler-${Math.floor(i / 10)}`)],
  ['search name', nameSearch(NAME_WORDS)],
  [
    'search none',
    ['tablet', 'no such name', 'desk phone', 'runner-up'].map(
      (t) => `${base}&search=${encodeURIComponent(t)}`,
    ),
  ],
  ['search key', nameSearch(['key'])],
  ['search mixed', nameSearch(['key 12', 'key 345', 'y 99'])],
  [
    'sort client',
    [
      `${base}&sort=client_id`,
      ...positions(200).map(
        (i) =>
          `${base}&cursor=${sortedCursor('client_id', 'value', [fillerName(i), at, registrationId(i)])}`,
      ),
    ],
  ],
  [
    'sort used',
    [
      `${base}&sort=-last_used`,
      ...positions(200).map(
        (i) => `${base}&cursor=${sortedCursor('-last_used', 'null', [at, registrationId(i)])}`,
      ),
    ],
  ],
  [
    'older than',
    [
      `${base}&older_than_days=0`,
      ...positions(200).map(
        (i) =>
          `${base}&older_than_days=0&cursor=${sortedCursor('-registered_at', 'value', [at, registrationId(i)])}`,
      ),
    ],
  ],
  [
    'never used',
    [
      `${base}&never_used=true&sort=client_id`,
      ...positions(200).map(
        (i) =>
          `${base}&never_used=true&cursor=${sortedCursor('client_id', 'value', [fillerName(i), at, registrationId(i)])}`,
      ),
    ],
  ],
];
const only = process.argv.includes('--loads')
  ? process.argv[process.argv.indexOf('--loads') + 1].split(',')
  : null;

const results = [];
for (const [name, paths] of LOADS.filter(([name]) => !only || only.includes(name))) {
  const check = await fetch(`${server.url}${paths[paths.length - 1]}`, { headers });
  if (check.status !== 200) throw new Error(`${name}: ${check.status} ${await check.text()}`);
  await loadPaths(server.url, paths, { duration: 1, headers }); // warm-up
  const r = await loadPaths(server.url, paths, { duration: DURATION, headers });
  results.push([name, r]);
  console.log(
    `${name}: ${fmt(r.requestsPerSecond)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}`,
  );
}
await stop(server.child);

console.log('');
console.log(`load average at the end: ${loadAverage()}`);
for (const [name, r] of results) {
  console.log(
    `${r.p99 <= TARGET_P99_MS ? 'PASS' : 'MISS'}  ${name} p99 at ${fmt(ROWS)} rows: ${r.p99} ms (target <= ${TARGET_P99_MS}; bare route p99 ${h.p99} ms, throughput ${(r.requestsPerSecond / h.requestsPerSecond).toFixed(2)} x H)`,
  );
}
process.exit(0);
