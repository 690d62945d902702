/* eslint-disable @typescript-eslint/no-unsafe-member-access */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './helpers/server-process.js';
import { sqliteStorage, startTestServer } from './helpers/test-server.js';

const REDIS = '/usr/bin/redis-server';

describe('rate limits shared through a real Redis (REDIS_URL)', () => {
  let redis: ChildProcess;
  let url: string;
  beforeAll(async () => {
    if (!existsSync(REDIS)) throw new Error('redis-server not found: apt-get install redis-server');
    const port = await freePort();
    redis = spawn(
      REDIS,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    url = `redis://127.0.0.1:${port}`;
    const { Redis } = await import('ioredis');
    for (let i = 0; i < 100; i++) {
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        await probe.quit();
        return;
      } catch {
        probe.disconnect();
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error('redis-server did not start');
  });
  afterAll(() => {
    redis?.kill('SIGKILL');
  });

  it('counts requests from one address across two instances, and fails open when Redis is gone', async () => {
    const a = await startTestServer(sqliteStorage, { redisUrl: url, rateLimitPerIp: 3 });
    const b = await startTestServer(sqliteStorage, { redisUrl: url, rateLimitPerIp: 3 });
    try {
      const get = (s: typeof a) =>
        s.json({ method: 'GET', url: '/api/crypto/status', remoteAddress: '127.0.0.77' });
      expect((await get(a)).status).toBe(200);
      expect((await get(b)).status).toBe(200);
      expect((await get(a)).status).toBe(200);
      const limited = await get(b);
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

      redis.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 200));
      const other = await a.json({
        method: 'GET',
        url: '/api/crypto/status',
        remoteAddress: '127.0.0.78',
      });
      expect(other.status).toBe(200);
    } finally {
      await a.close().catch(() => undefined);
      await b.close().catch(() => undefined);
    }
  });
});
