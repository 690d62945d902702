import { DataFoldError } from '@datafold/js-sdk';

/** A key's hits in the current window and the ms until that window resets. */
export interface RateLimitHit {
  count: number;
  resetInMs: number;
}

/** Counts hits per key in fixed windows; shared through Redis or kept in this process. */
export interface RateLimitStore {
  /**
   * Adds one hit. An in-process store answers synchronously, so the limiter costs no promise
   * and no extra event-loop turn on every request; a shared store answers with a promise.
   */
  hit(key: string, windowMs: number): RateLimitHit | Promise<RateLimitHit>;
  /** The key's hits in the current window, without adding one. */
  peek(key: string): RateLimitHit | Promise<RateLimitHit>;
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

  hit(key: string, windowMs: number): RateLimitHit {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, w);
    }
    w.count += 1;
    return { count: w.count, resetInMs: w.resetAt - now };
  }

  peek(key: string): RateLimitHit {
    const now = Date.now();
    const w = this.windows.get(key);
    return !w || w.resetAt <= now
      ? { count: 0, resetInMs: 0 }
      : { count: w.count, resetInMs: w.resetAt - now };
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
  get(key: string): Promise<string | null>;
  pttl(key: string): Promise<number>;
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

  async hit(key: string, windowMs: number): Promise<RateLimitHit> {
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

  async peek(key: string): Promise<RateLimitHit> {
    const [count, ttl] = await Promise.all([
      this.redis.get(`datafold:rl:${key}`),
      this.redis.pttl(`datafold:rl:${key}`),
    ]);
    return { count: Number(count ?? 0), resetInMs: ttl > 0 ? ttl : 0 };
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
 * A limit of `perMinute` hits per key. `check` counts a hit and throws RATE_LIMITED (429) with
 * the seconds to wait past the limit, which the error mapping sends as `Retry-After` (RFC 9110
 * §10.2.3). `peek` and `charge` split the two for budgets that only some answers spend: `peek`
 * refuses when the budget is already spent, `charge` spends it once the answer is known (a
 * client's budget is charged for its verified work, never for a stranger's junk naming it).
 * With an in-process store everything is synchronous; with a shared store `check` and `peek`
 * return promises. A shared store that fails is reported and the request allowed (fail open).
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

  /** False when the limit is 0 (off): callers can skip the per-request hook entirely. */
  get enabled(): boolean {
    return this.perMinute > 0;
  }

  /** Counts a hit; throws RATE_LIMITED past the limit. */
  check(key: string): void | Promise<void> {
    if (this.perMinute <= 0) return;
    return this.judged(
      () => this.store.hit(key, this.windowMs),
      (h) => h.count > this.perMinute,
    );
  }

  /** Throws RATE_LIMITED when the key's budget is already spent; counts nothing. */
  peek(key: string): void | Promise<void> {
    if (this.perMinute <= 0) return;
    return this.judged(
      () => this.store.peek(key),
      (h) => h.count >= this.perMinute,
    );
  }

  /** Spends one hit of the key's budget; never throws (a later `peek` refuses). */
  charge(key: string): void {
    if (this.perMinute <= 0) return;
    try {
      const hit = this.store.hit(key, this.windowMs);
      if (hit instanceof Promise) hit.catch((error: unknown) => this.onStoreError(error));
    } catch (error) {
      this.onStoreError(error);
    }
  }

  private judged(
    read: () => RateLimitHit | Promise<RateLimitHit>,
    over: (hit: RateLimitHit) => boolean,
  ): void | Promise<void> {
    let hit: RateLimitHit | Promise<RateLimitHit>;
    try {
      hit = read();
    } catch (error) {
      this.onStoreError(error);
      return;
    }
    if (!(hit instanceof Promise)) return this.judge(hit, over(hit));
    return hit.then(
      (h) => this.judge(h, over(h)),
      // A shared store that is down must not take verification down with it: fail open, loudly.
      (error: unknown) => this.onStoreError(error),
    );
  }

  private judge({ resetInMs }: RateLimitHit, over: boolean): void {
    if (over) {
      const retryAfter = Math.max(1, Math.ceil(resetInMs / 1000));
      throw new DataFoldError(
        'RATE_LIMITED',
        `too many requests; retry after ${retryAfter} seconds`,
        { retry_after_seconds: retryAfter, limit_per_minute: this.perMinute },
      );
    }
  }
}
