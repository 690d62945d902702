import { DataFoldError } from '@datafold/js-sdk';

/** Counts hits per key in fixed windows; shared through Redis or kept in this process. */
export interface RateLimitStore {
  /** Adds one hit; returns the count in the current window and the ms until it resets. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  close(): Promise<void>;
}

/**
 * Fixed-window counters in memory: right for one instance. Expired windows are swept on a timer
 * so a flood of distinct keys cannot grow the map without bound.
 *
 * @example
 * const store = new MemoryRateLimitStore();
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor() {
    this.sweeper = setInterval(() => {
      const now = Date.now();
      for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
    }, 10_000);
    this.sweeper.unref();
  }

  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }> {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, w);
    }
    w.count += 1;
    return Promise.resolve({ count: w.count, resetInMs: w.resetAt - now });
  }

  close(): Promise<void> {
    clearInterval(this.sweeper);
    return Promise.resolve();
  }
}

/** The minimal ioredis pipeline surface the Redis store needs. */
interface RedisPipeline {
  incr(key: string): RedisPipeline;
  pexpire(key: string, ms: number, mode: 'NX'): RedisPipeline;
  pttl(key: string): RedisPipeline;
  exec(): Promise<Array<[Error | null, unknown]> | null>;
}

interface RedisLike {
  multi(): RedisPipeline;
  quit(): Promise<unknown>;
  disconnect(): void;
}

/**
 * Fixed-window counters in Redis (INCR, then PEXPIRE NX), shared by every instance.
 *
 * @example
 * const store = new RedisRateLimitStore(new Redis(process.env.REDIS_URL));
 */
export class RedisRateLimitStore implements RateLimitStore {
  constructor(private readonly redis: RedisLike) {}

  async hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }> {
    const results = await this.redis
      .multi()
      .incr(`datafold:rl:${key}`)
      .pexpire(`datafold:rl:${key}`, windowMs, 'NX')
      .pttl(`datafold:rl:${key}`)
      .exec();
    const count = Number(results?.[0]?.[1] ?? 0);
    const ttl = Number(results?.[2]?.[1] ?? windowMs);
    return { count, resetInMs: ttl > 0 ? ttl : windowMs };
  }

  async close(): Promise<void> {
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect(); // already gone: nothing left to flush
    }
  }
}

/**
 * A limit of `perMinute` hits per key; `check` throws RATE_LIMITED (429) with the seconds to
 * wait, which the error mapping sends as `Retry-After` (RFC 9110 §10.2.3).
 *
 * @example
 * await limiter.check(`ip:${request.ip}`);
 */
export class RateLimiter {
  constructor(
    private readonly store: RateLimitStore,
    private readonly perMinute: number,
    private readonly onStoreError: (error: unknown) => void = () => undefined,
    private readonly windowMs = 60_000,
  ) {}

  async check(key: string): Promise<void> {
    if (this.perMinute <= 0) return;
    let hit: { count: number; resetInMs: number };
    try {
      hit = await this.store.hit(key, this.windowMs);
    } catch (error) {
      // A shared store that is down must not take verification down with it: fail open, loudly.
      this.onStoreError(error);
      return;
    }
    const { count, resetInMs } = hit;
    if (count > this.perMinute) {
      const retryAfter = Math.max(1, Math.ceil(resetInMs / 1000));
      throw new DataFoldError(
        'RATE_LIMITED',
        `too many requests; retry after ${retryAfter} seconds`,
        { retry_after_seconds: retryAfter, limit_per_minute: this.perMinute },
      );
    }
  }
}
