// Three datafold-server processes on one real PostgreSQL, and the faults a database has in
// production: its sessions terminated, the server restarted, the network cut. The contract
// (issue: "a revocation holds on every instance at once"): no process exits, every answer is 2xx
// or 503 DATABASE_UNAVAILABLE with Retry-After, nothing acknowledged is lost, and a change made
// through one instance is in effect on the others within the change feed's staleness bound.
import {
  freePort,
  runServerCommand,
  startDatafoldServer,
  startPostgresCluster,
  startTcpProxy,
  type DatafoldServer,
  type PostgresCluster,
  type TcpProxy,
} from '@datafold/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_FEED_TIMING } from '../../src/cache/postgres-change-feed.js';
import { canonicalStatement } from '@datafold/js-sdk';
import { fetchJson } from '../helpers/json-answer.js';
import { newKey, nonce, sign, signBytes, type TestKey, registerBody } from '../helpers/keys.js';
import type { HealthView, StatusView } from '../helpers/route-data.js';
import { mixedLoad, registerClients, type LoadReport } from '../helpers/mixed-load.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(() => cluster?.stop());

let servers: DatafoldServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
});

async function startInstances(databaseUrl: string, count = 3): Promise<DatafoldServer[]> {
  servers = [];
  for (let i = 0; i < count; i++) {
    servers.push(await startDatafoldServer({ dataDir: false, env: { DATABASE_URL: databaseUrl } }));
  }
  return servers;
}

const post = (server: DatafoldServer, path: string, body: object) =>
  fetchJson(`${server.url}${path}`, body);

function verify(server: DatafoldServer, clientId: string, key: TestKey) {
  return post(server, '/api/crypto/signatures/verify', {
    client_id: clientId,
    message: 'hello',
    signature: sign(key, 'hello'),
  });
}

function revoke(server: DatafoldServer, clientId: string, key: TestKey) {
  const fields = {
    action: 'revoke' as const,
    clientId,
    publicKey: key.hex,
    reason: 'test',
    timestamp: new Date().toISOString(),
    nonce: nonce(),
  };
  return post(server, '/api/crypto/keys/revoke', {
    client_id: clientId,
    reason: fields.reason,
    timestamp: fields.timestamp,
    nonce: fields.nonce,
    signature: signBytes(key, canonicalStatement(fields)),
  });
}

async function metric(server: DatafoldServer, line: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found ? Number(found.slice(line.length + 1)) : 0;
}

/** Waits until the instance's change feed is confirmed; returns its verify cache's state. */
async function feedLive(server: DatafoldServer): Promise<string> {
  let health = { change_feed: { state: '' }, verify_cache: { state: '' } };
  for (let i = 0; i < 100 && health.change_feed.state !== 'live'; i++) {
    if (i > 0) await sleep(50);
    health = (await fetchJson<HealthView>(`${server.url}/api/health`)).data();
  }
  expect(health.change_feed.state).toBe('live');
  return health.verify_cache.state;
}

/** Every process still running, and the load (at least `minRequests`) kept the fault contract. */
function expectContractKept(report: LoadReport, minRequests = 50) {
  const outputs = servers.map((s) => s.output()).join('\n');
  for (const server of servers) expect(server.child.exitCode, outputs).toBeNull();
  expect(report.transportErrors, outputs).toEqual([]);
  expect(report.violations, outputs).toEqual([]);
  expect(report.statuses.get(500) ?? 0).toBe(0);
  expect(report.requests).toBeGreaterThan(minRequests);
}

/** Polls until every instance answers a verify for `clientId` with 200 again. */
async function expectRecovered(clientId: string, key: TestKey) {
  for (const server of servers) {
    let status = 0;
    for (let attempt = 0; attempt < 100 && status !== 200; attempt++) {
      status = (await verify(server, clientId, key).catch(() => ({ status: 0 }))).status;
      if (status !== 200) await sleep(200);
    }
    expect(status, server.output()).toBe(200);
  }
}

/** Every registration answered 201 during the load is there, with its key. */
async function expectNothingLost(report: LoadReport) {
  const missing: string[] = [];
  for (const [clientId, publicKey] of report.acknowledged) {
    const res = await fetchJson<StatusView>(
      `${servers[0]!.url}/api/crypto/keys/status/${clientId}`,
    );
    if (!res.body.success || res.body.data.public_key !== publicKey) missing.push(clientId);
  }
  expect(missing).toEqual([]);
}

describe('start-up against PostgreSQL', () => {
  it("prints the database's own reason, never the password in the URL", async () => {
    const base = `postgres://postgres:hunter2-secret@127.0.0.1`;
    const missing = await runServerCommand(['--port', String(await freePort())], {
      DATABASE_URL: `${base}:${cluster.port}/no_such_database`,
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('database "no_such_database" does not exist');
    const refused = await runServerCommand(['--port', String(await freePort())], {
      DATABASE_URL: `${base}:${await freePort()}/keys`,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('ECONNREFUSED');
    expect(missing.stderr + refused.stderr).not.toContain('hunter2-secret');
  });
});

describe('three instances on one PostgreSQL', () => {
  it('a revocation through one is refused by the other two (warm caches) within the staleness bound', async () => {
    const [a, b, c] = await startInstances(await cluster.createDatabase());
    for (let round = 0; round < 5; round++) {
      const key = newKey();
      const clientId = `revoked-${round}`;
      expect(
        (await post(a!, '/api/crypto/keys/register', registerBody(key, clientId))).status,
      ).toBe(201);
      // Warm B's and C's verify-lookup caches with the active key, their feeds confirmed (on a
      // busy machine a heartbeat can be late, and a lagging feed bypasses the cache).
      for (const server of [b!, c!]) {
        await feedLive(server);
        expect((await verify(server, clientId, key)).status).toBe(200);
        expect((await verify(server, clientId, key)).status).toBe(200);
      }
      expect((await revoke(a!, clientId, key)).status).toBe(200);
      await sleep(CHANGE_FEED_TIMING.stalenessBoundMs);
      for (const server of [b!, c!]) {
        const denied = await verify(server, clientId, key);
        expect(denied.status).toBe(403);
        expect(denied.error().code).toBe('KEY_NOT_ACTIVE');
      }
    }
    // The caches were in use: warm verifies were answered from them.
    expect(
      await metric(b!, 'datafold_verify_cache_lookups_total{result="hit"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(await feedLive(b!)).toBe('on');
  });

  it('an instance whose feed connection is terminated clears its cache, bypasses it, and resumes', async () => {
    const databaseUrl = await cluster.createDatabase();
    const [a, b] = await startInstances(databaseUrl, 2);
    const key = newKey();
    expect((await post(a!, '/api/crypto/keys/register', registerBody(key, 'feed-1'))).status).toBe(
      201,
    );
    expect((await verify(b!, 'feed-1', key)).status).toBe(200);
    const database = new URL(databaseUrl).pathname.slice(1);
    await cluster.query(
      `select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = '${database}' and application_name = 'datafold-feed'`,
    );
    expect((await revoke(a!, 'feed-1', key)).status).toBe(200);
    // Whatever B's feed was doing, the revocation holds on B at once once the bound has passed.
    await sleep(CHANGE_FEED_TIMING.stalenessBoundMs);
    expect((await verify(b!, 'feed-1', key)).status).toBe(403);
    for (let i = 0; i < 50 && !b!.output().includes('change feed lost'); i++) await sleep(100);
    expect(b!.output()).toContain('change feed lost');
    // The feed comes back by itself, and with it the cache.
    let state = '';
    for (let i = 0; i < 100 && state !== 'live'; i++) {
      state = (await fetchJson<HealthView>(`${b!.url}/api/health`)).data().change_feed.state;
      if (state !== 'live') await sleep(100);
    }
    expect(state).toBe('live');
  });

  it('survives every backend terminated, five times, under load', async () => {
    const databaseUrl = await cluster.createDatabase();
    await startInstances(databaseUrl);
    const urls = servers.map((s) => s.url);
    const clients = await registerClients(urls[0]!, 'term', 30);
    const database = new URL(databaseUrl).pathname.slice(1);
    const terminations = (async () => {
      await sleep(300);
      for (let round = 0; round < 5; round++) {
        await cluster.query(
          `select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = '${database}' and pid <> pg_backend_pid()`,
        );
        await sleep(400);
      }
      await sleep(300);
    })();
    const report = await mixedLoad(urls, clients, terminations, { prefix: 'term-load' });
    expectContractKept(report);
    await expectRecovered(clients[0]!.clientId, clients[0]!.key);
    await expectNothingLost(report);
    expect(await metric(servers[0]!, 'datafold_database_connections_lost_total')).toBeGreaterThan(
      0,
    );
  });

  it('survives PostgreSQL stopped and started under load, answering 503 meanwhile', async () => {
    const databaseUrl = await cluster.createDatabase();
    await startInstances(databaseUrl);
    const urls = servers.map((s) => s.url);
    const clients = await registerClients(urls[0]!, 'restart', 30);
    let healthWhileDown: { status: number; retryAfter: string | null; code?: string } | null = null;
    const restart = (async () => {
      await sleep(300);
      await cluster.stopServer('fast');
      await sleep(1_000);
      const res = await fetch(`${urls[1]}/api/health`);
      const body = (await res.json()) as { error?: { code: string } };
      healthWhileDown = {
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        code: body.error?.code,
      };
      await cluster.startServer();
      await sleep(1_000);
    })();
    const report = await mixedLoad(urls, clients, restart, { prefix: 'restart-load' });
    expectContractKept(report);
    expect(report.statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(healthWhileDown).toEqual({ status: 503, retryAfter: '2', code: 'DATABASE_UNAVAILABLE' });
    expect(
      await metric(servers[1]!, 'datafold_database_faults_total{reason="unreachable"}'),
    ).toBeGreaterThan(0);
    await expectRecovered(clients[0]!.clientId, clients[0]!.key);
    await expectNothingLost(report);
    for (let i = 0; i < 30 && (await metric(servers[1]!, 'datafold_database_up')) !== 1; i++)
      await sleep(200);
    expect(await metric(servers[1]!, 'datafold_database_up')).toBe(1);
    const audit = await runServerCommand(['audit', 'verify'], { DATABASE_URL: databaseUrl });
    expect(audit.stdout).toContain('audit log intact');
  });

  describe('behind a network that is cut', () => {
    let proxy: TcpProxy;
    afterEach(async () => proxy?.close());

    it('answers 503 instead of hanging, and recovers when the network is back', async () => {
      const databaseUrl = await cluster.createDatabase();
      proxy = await startTcpProxy(cluster.port);
      const viaProxy = new URL(databaseUrl);
      viaProxy.port = String(proxy.port);
      await startInstances(viaProxy.toString(), 1);
      const urls = servers.map((s) => s.url);
      const clients = await registerClients(urls[0]!, 'cut', 10);
      const cut = (async () => {
        await sleep(300);
        proxy.freeze();
        await sleep(8_000);
        proxy.thaw();
        await sleep(500);
      })();
      const report = await mixedLoad(urls, clients, cut, { prefix: 'cut-load', workers: 6 });
      // While the network is cut each request waits for the watchdog: few requests, all answered.
      expectContractKept(report, 10);
      expect(report.statuses.get(503) ?? 0).toBeGreaterThan(0);
      await expectRecovered(clients[0]!.clientId, clients[0]!.key);
      await expectNothingLost(report);
    });
  });
});
