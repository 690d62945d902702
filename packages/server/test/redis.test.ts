import { startRedisServer, type RedisServer } from '@datafold/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteStorage, startTestServer } from './helpers/test-server.js';

describe('rate limits shared through a real Redis (REDIS_URL)', () => {
  let redis: RedisServer;
  let url: string;
  beforeAll(async () => {
    redis = await startRedisServer();
    url = redis.url;
  });
  afterAll(async () => {
    await redis?.stop();
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
      expect(limited.error().code).toBe('RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

      redis.child.kill('SIGKILL');
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
