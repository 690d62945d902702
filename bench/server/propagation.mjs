#!/usr/bin/env node
// bench/server/propagation: how fast a revocation made through one instance holds on the others,
// with three datafold-server instances on one throwaway PostgreSQL cluster, their verify-lookup
// caches warm. Beside it, in the same run, the platform's own floor: a bare LISTEN/NOTIFY round
// between two connections of the same cluster. Then verify throughput on PostgreSQL (cache on)
// against SQLite on the same machine. Loopback only, bounded: REVOCATIONS rounds, DURATION s loads.
//
// Targets (issue 13): propagation p99 <= 50 ms over >= 200 revocations; verifies answered
// "verified" later than 1 s after a revocation's acknowledgement: 0; verify on PostgreSQL with
// the cache >= 0.9 x verify on SQLite.
//
// Usage: node bench/server/propagation.mjs [--revocations 200] [--duration 8]
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { canonicalStatement } from '@datafold/js-sdk';
import { startPostgresCluster } from '@datafold/test-support';
import pg from 'pg';
import {
  fmt,
  keyPair,
  load,
  registrationBody,
  sampleClients,
  signHex,
  startServer,
  stop,
  work,
} from './harness.mjs';
import { numberArg } from '../args.mjs';

const REVOCATIONS = numberArg('--revocations', 200);
const DURATION = numberArg('--duration', 8);
/** The promise the feed keeps (CHANGE_FEED_TIMING.stalenessBoundMs), and the bench's own limit. */
const LATE_AFTER_MS = 1_000;

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted.at(-1) };
};
const ms = (n) => `${n.toFixed(1)} ms`;

async function post(url, path, body) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

/** The bare platform: NOTIFY on one connection, received on another, REVOCATIONS times. */
async function measureBareNotify(url) {
  const listener = new pg.Client({ connectionString: url });
  const sender = new pg.Client({ connectionString: url });
  await Promise.all([listener.connect(), sender.connect()]);
  await listener.query('LISTEN bench_floor');
  const times = [];
  for (let i = 0; i < REVOCATIONS; i++) {
    const received = new Promise((resolve) => listener.once('notification', resolve));
    const start = performance.now();
    await sender.query(`select pg_notify('bench_floor', $1)`, [String(i)]);
    await received;
    times.push(performance.now() - start);
  }
  await Promise.all([listener.end(), sender.end()]);
  return summary(times);
}

/** A revocation body signed by the client's key (spec/http-statements.md), with the SDK's form. */
function revokeBody(clientId, key) {
  const timestamp = new Date().toISOString();
  const nonce = randomBytes(16).toString('hex');
  const statement = canonicalStatement({
    action: 'revoke',
    clientId,
    publicKey: key.publicKey.toString('hex'),
    reason: 'bench',
    timestamp,
    nonce,
  });
  return {
    client_id: clientId,
    reason: 'bench',
    timestamp,
    nonce,
    signature: signHex(key.secretKey, statement),
  };
}

async function propagationRun(databaseUrl) {
  const env = { DATABASE_URL: databaseUrl };
  const instances = [];
  for (let i = 0; i < 3; i++) instances.push(await startServer(join(work, `pg-${i}`), env));
  const clients = [];
  for (let i = 0; i < REVOCATIONS; i++) {
    const key = keyPair();
    const clientId = `prop-${i}`;
    const status = await post(
      instances[0].url,
      '/api/crypto/keys/register',
      registrationBody(clientId, key),
    );
    if (status !== 201) throw new Error(`registration failed: ${status}`);
    clients.push({
      clientId,
      key,
      body: { client_id: clientId, message: 'm', signature: signHex(key.secretKey, 'm') },
    });
  }

  // Checkers verify already revoked clients on every instance for the whole run: any "verified"
  // for a request sent later than LATE_AFTER_MS after that revocation's acknowledgement is late.
  const revoked = [];
  let late = 0;
  let checks = 0;
  let running = true;
  const checker = async (w) => {
    for (let i = 0; running; i++) {
      if (revoked.length === 0) {
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      const { client, ackAt } = revoked[(w * 31 + i) % revoked.length];
      const instance = instances[(w + i) % instances.length];
      const sentAt = performance.now();
      const status = await post(instance.url, '/api/crypto/signatures/verify', client.body);
      checks++;
      if (status === 200 && sentAt - ackAt > LATE_AFTER_MS) late++;
    }
  };
  const checkers = [checker(0)];

  const propagation = [];
  const roundTrips = [];
  let stalePolls = 0;
  // A listener of our own on the change channel: when PostgreSQL delivers each change.
  const delivered = [];
  const observer = new pg.Client({ connectionString: databaseUrl });
  await observer.connect();
  await observer.query('LISTEN datafold_changes');
  for (let i = 0; i < clients.length; i++) {
    const client = clients[i];
    const via = instances[i % 3];
    const others = instances.filter((x) => x !== via);
    for (const other of others) {
      // Warm: the other instances answer this client from their caches.
      for (let w = 0; w < 2; w++)
        await post(other.url, '/api/crypto/signatures/verify', client.body);
    }
    const notified = new Promise((resolve) =>
      observer.once('notification', () => resolve(performance.now())),
    );
    const status = await post(
      via.url,
      '/api/crypto/keys/revoke',
      revokeBody(client.clientId, client.key),
    );
    const ackAt = performance.now();
    if (status !== 200) throw new Error(`revocation failed: ${status}`);
    revoked.push({ client, ackAt });
    delivered.push((await notified) - ackAt);
    // From the acknowledgement to the first refusal on each of the other instances; each poll
    // is a full HTTP round trip, whose own time is recorded to tell it from propagation.
    const firstRefused = await Promise.all(
      others.map(async (other) => {
        for (;;) {
          const sentAt = performance.now();
          const answered = await post(other.url, '/api/crypto/signatures/verify', client.body);
          if (answered === 403) {
            roundTrips.push(performance.now() - sentAt);
            return performance.now() - ackAt;
          }
          stalePolls++;
        }
      }),
    );
    propagation.push(Math.max(...firstRefused));
  }
  running = false;
  await Promise.all(checkers);
  await observer.end();
  for (const instance of instances) await stop(instance.child);
  return {
    propagation: summary(propagation),
    roundTrips: summary(roundTrips),
    stalePolls,
    delivered: summary(delivered),
    late,
    checks,
  };
}

async function verifyThroughput(label, dataDir, env) {
  const server = await startServer(dataDir, env);
  const bodies = await sampleClients(server.url, `tp-${label}`, 200);
  const url = `${server.url}/api/crypto/signatures/verify`;
  await load(url, bodies, { duration: 2 }); // warm-up
  const result = await load(url, bodies, { duration: DURATION });
  await stop(server.child);
  return result;
}

console.log(
  `propagation bench: 3 instances on one PostgreSQL, ${REVOCATIONS} revocations, loopback, Node ${process.version}`,
);
const cluster = await startPostgresCluster();
try {
  const floorUrl = await cluster.createDatabase();
  const floor = await measureBareNotify(floorUrl);
  console.log(
    `F  bare LISTEN/NOTIFY between two connections: p50 ${ms(floor.p50)}, p99 ${ms(floor.p99)}`,
  );
  const run = await propagationRun(await cluster.createDatabase());
  const p = run.propagation;
  console.log(
    `revocation acknowledged -> refused on both other instances: p50 ${ms(p.p50)}, p99 ${ms(p.p99)}, max ${ms(p.max)} (p99 = ${(p.p99 / floor.p99).toFixed(1)} x F's p99)`,
  );
  console.log(
    `   of which the refused poll's own HTTP round trip: p50 ${ms(run.roundTrips.p50)}, p99 ${ms(run.roundTrips.p99)}; polls answered "verified" after the 200: ${run.stalePolls} of ${REVOCATIONS * 2} first polls`,
  );
  const d = run.delivered;
  console.log(
    `   the change's NOTIFY reached an idle listener at p50 ${ms(d.p50)}, p99 ${ms(d.p99)} relative to the revoke's 200 (negative: before it)`,
  );
  console.log(
    `verifies answered "verified" later than ${LATE_AFTER_MS} ms after acknowledgement: ${run.late} of ${fmt(run.checks)} checks of revoked clients`,
  );

  // SQLite and PostgreSQL alternate, three runs each, so a busy moment of the machine falls on
  // both; the medians are compared.
  const runs = { sqlite: [], postgres: [] };
  for (let round = 0; round < 3; round++) {
    runs.sqlite.push(
      await verifyThroughput(`sqlite-${round}`, join(work, `tp-sqlite-${round}`), {}),
    );
    runs.postgres.push(
      await verifyThroughput(`pg-${round}`, join(work, `tp-pg-${round}`), {
        DATABASE_URL: await cluster.createDatabase(),
      }),
    );
  }
  const median = (results) =>
    [...results].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[1];
  const sqlite = median(runs.sqlite);
  const postgres = median(runs.postgres);
  const uncached = await verifyThroughput('pg-uncached', join(work, 'tp-pg-uncached'), {
    DATABASE_URL: await cluster.createDatabase(),
    DATAFOLD_VERIFY_CACHE_SIZE: '0',
  });
  for (const [name, r, all] of [
    ['SQLite (cache on), median of 3', sqlite, runs.sqlite],
    ['PostgreSQL (cache on), median of 3', postgres, runs.postgres],
    ['PostgreSQL (cache off), one run', uncached, [uncached]],
  ]) {
    console.log(
      `verify on ${name}: ${fmt(r.requestsPerSecond)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx} (runs: ${all.map((x) => fmt(x.requestsPerSecond)).join(', ')})`,
    );
  }

  const line = (name, ok, detail) => console.log(`${ok ? 'PASS' : 'MISS'}  ${name}: ${detail}`);
  console.log('');
  line(
    'propagation p99',
    p.p99 <= 50,
    `${ms(p.p99)} over ${REVOCATIONS} revocations (target <= 50 ms)`,
  );
  line('late verifies', run.late === 0, `${run.late} (target 0)`);
  const ratio = postgres.requestsPerSecond / sqlite.requestsPerSecond;
  line('verify PostgreSQL (cache) / SQLite', ratio >= 0.9, `${ratio.toFixed(2)} (target >= 0.90)`);
} finally {
  cluster.stop();
}
process.exit(0);
