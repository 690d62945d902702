import type { ServerReplayStore } from './server-replay-store.js';

/** The part of an ioredis client the store uses. */
export interface RedisSetNx {
  set(key: string, value: string, px: 'PX', ms: number, nx: 'NX'): Promise<'OK' | null>;
}

/**
 * Nonces in Redis, shared by every instance that uses the same REDIS_URL: one `SET key 1 PX ttl NX`
 * per accepted signature, atomic in Redis, so of two instances given the same nonce exactly one
 * gets "OK". Redis expires the key itself when the signature could no longer pass the freshness
 * check. Any error (Redis down, connection lost, offline queue off) is thrown, and the verifier
 * answers 503 REPLAY_STORE_UNAVAILABLE: nothing is accepted unchecked.
 *
 * @example
 * const store = new RedisReplayStore(redis);
 * await store.remember('client-1\nAAECAwQFBgcICQoLDA0ODw', Date.now() + 330_000); // 'new'
 */
export class RedisReplayStore implements ServerReplayStore {
  readonly kind = 'redis';

  constructor(
    private readonly redis: RedisSetNx,
    private readonly now: () => number = Date.now,
  ) {}

  async remember(key: string, expiresAtMs: number): Promise<'new' | 'seen'> {
    // At least 1 ms: PX 0 is an error, and a key that expires at once still answers this call.
    const ttl = Math.max(1, Math.ceil(expiresAtMs - this.now()));
    const answer = await this.redis.set(`datafold:request-nonce:${key}`, '1', 'PX', ttl, 'NX');
    return answer === 'OK' ? 'new' : 'seen';
  }

  purgeExpired(): Promise<number> {
    return Promise.resolve(0);
  }
}
