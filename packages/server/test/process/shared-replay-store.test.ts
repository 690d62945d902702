import { spawn } from 'node:child_process';
import { signRequest } from '@datafold/js-sdk';
import {
  startDatafoldServer,
  startPostgresCluster,
  startRedisServer,
  type DatafoldServer,
  type PostgresCluster,
  type RedisServer,
} from '@datafold/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newKey, registerBody } from '../helpers/keys.js';
import {
  jsonReply,
  postJson,
  type SignedRequestClient,
} from '../signed-requests/signed-request-client.js';

/** The origin every instance is reached at behind a (notional) load balancer. */
const PUBLIC_URL = 'https://keys.example';
const SIGNED = ['--require-signed-requests', '--public-url', PUBLIC_URL];

/** Registers one key under `clientId` on each server (its own database, or a shared one). */
async function register(servers: DatafoldServer[], clientId: string): Promise<SignedRequestClient> {
  const key = newKey();
  for (const server of servers) {
    const res = await jsonReply(
      fetch,
      `${server.url}/api/crypto/keys/register`,
      postJson(registerBody(key, clientId)),
    );
    // On a shared database the second registration finds the first.
    expect([201, 409]).toContain(res.status);
  }
  return { key, clientId };
}

/** A status request signed for the public origin, sendable to any instance any number of times. */
async function signedStatus(client: SignedRequestClient) {
  const path = `/api/crypto/keys/status/${client.clientId}`;
  const signed = await signRequest(new Request(`${PUBLIC_URL}${path}`), {
    clientId: client.clientId,
    privateKey: client.key.seed,
  });
  return (server: DatafoldServer) =>
    jsonReply(fetch, `${server.url}${path}`, { headers: signed.headers });
}

/** Starts redis-server again on the port of one that was killed; resolves once it accepts clients. */
async function restartRedis(port: number): Promise<() => Promise<void>> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
  });
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
}

/** Polls until `check` holds (the reconnection takes as long as it takes), failing after a minute. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the condition never held');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('replay store in Redis (REDIS_URL), real processes', () => {
  let redis: RedisServer;
  const servers: DatafoldServer[] = [];
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('two instances sharing one Redis refuse a nonce replayed across them', async () => {
    for (let i = 0; i < 2; i++) {
      servers.push(await startDatafoldServer({ args: SIGNED, env: { REDIS_URL: redis.url } }));
    }
    const [a, b] = servers as [DatafoldServer, DatafoldServer];
    const client = await register(servers, 'redis-shared');
    const send = await signedStatus(client);
    expect((await send(a)).status).toBe(200);
    const replayed = await send(b);
    expect(replayed.status).toBe(401);
    expect(replayed.body.error?.code).toBe('REQUEST_SIGNATURE_REPLAYED');
  });

  it('Redis killed: 503 REPLAY_STORE_UNAVAILABLE with Retry-After, the server runs on and recovers', async () => {
    const server = await startDatafoldServer({ args: SIGNED, env: { REDIS_URL: redis.url } });
    servers.push(server);
    const client = await register([server], 'redis-killed');
    expect((await (await signedStatus(client))(server)).status).toBe(200);

    const exited = new Promise((r) => redis.child.once('exit', r));
    redis.child.kill('SIGKILL');
    await exited;
    const refused = await (await signedStatus(client))(server);
    expect(refused.status).toBe(503);
    expect(refused.body.error?.code).toBe('REPLAY_STORE_UNAVAILABLE');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Unsigned routes, and the process, are unaffected; the failure is logged.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    // Log lines are written in groups a few milliseconds apart (app/log-destination.ts).
    await expect.poll(() => server.output()).toContain('replay store unavailable');
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/datafold_replay_store_failures_total\{store="redis"\} [1-9]/);

    const stopRedis = await restartRedis(redis.port);
    try {
      await eventually(async () => (await (await signedStatus(client))(server)).status === 200);
      expect(server.child.exitCode).toBeNull();
    } finally {
      await stopRedis();
    }
  });
});

describe('replay store in the database, two instances on one PostgreSQL', () => {
  let cluster: PostgresCluster;
  const servers: DatafoldServer[] = [];
  beforeAll(async () => {
    cluster = await startPostgresCluster();
  });
  afterAll(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    cluster?.stop();
  });

  it('refuses a nonce replayed across the instances', async () => {
    const databaseUrl = await cluster.createDatabase();
    for (let i = 0; i < 2; i++) {
      servers.push(
        await startDatafoldServer({
          dataDir: false,
          args: SIGNED,
          env: { DATABASE_URL: databaseUrl },
        }),
      );
    }
    const [a, b] = servers as [DatafoldServer, DatafoldServer];
    const client = await register(servers, 'postgres-shared');
    const send = await signedStatus(client);
    expect((await send(a)).status).toBe(200);
    const replayed = await send(b);
    expect(replayed.status).toBe(401);
    expect(replayed.body.error?.code).toBe('REQUEST_SIGNATURE_REPLAYED');
    const rows = await cluster.query(
      `select count(*) from request_nonces where client_id = 'postgres-shared'`,
      new URL(databaseUrl).pathname.slice(1),
    );
    expect(rows.trim()).toBe('1');
  });
});
