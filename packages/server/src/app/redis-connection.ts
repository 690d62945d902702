import type { Redis } from 'ioredis';

/**
 * Connects to Redis (REDIS_URL) once for everything the instances share through it: rate-limit
 * counters and the nonces of signed requests. A command never waits for a lost connection: with
 * the offline queue off and one retry it fails at once, so the rate limiter can fail open and the
 * replay store closed (503), while ioredis reconnects in the background. Throws when Redis cannot
 * be reached at start.
 *
 * @example
 * const redis = await connectRedis('redis://127.0.0.1:6379');
 */
export async function connectRedis(url: string): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    lazyConnect: true,
  });
  redis.on('error', () => undefined); // reported per request by its users, not as a crash
  await redis.connect();
  return redis;
}
