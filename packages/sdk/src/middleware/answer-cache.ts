/**
 * A bounded cache of answers that expire, with one lookup in flight per key: what the remote key
 * resolver keeps (spec/http-message-signatures-v1.md §3.2). A burst of requests signed by a client
 * whose key is not cached costs the key server one request, not one per request; a failed lookup
 * is not kept, so the next request asks again.
 *
 * Eviction is by insertion order (a Map keeps it): an answer is re-inserted when it is refreshed,
 * so the oldest answer goes first. That bounds memory when callers name many different keys (a
 * well-formed, fresh signature can name any keyid), at the price of a lookup for a key evicted early.
 *
 * @example
 * const cache = new AnswerCache<string>({ ttlMs: 5_000, maxEntries: 1_000, now: Date.now });
 * const answer = await cache.get('alice', () => lookUp('alice'));
 */
export class AnswerCache<V> {
  readonly #answers = new Map<string, { value: V; expiresAt: number }>();
  readonly #inFlight = new Map<string, Promise<V>>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: { ttlMs: number; maxEntries: number; now: () => number }) {
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries;
    this.#now = options.now;
  }

  /** The cached answer for `key` while it is fresh; otherwise `lookUp()`, shared by concurrent callers. */
  get(key: string, lookUp: () => Promise<V>): Promise<V> {
    const fresh = this.peek(key);
    if (fresh !== undefined) return Promise.resolve(fresh);
    const pending = this.#inFlight.get(key);
    if (pending !== undefined) return pending;
    const lookup = lookUp().then(
      (value) => {
        this.#inFlight.delete(key);
        this.#remember(key, value);
        return value;
      },
      (error: unknown) => {
        this.#inFlight.delete(key);
        throw error;
      },
    );
    this.#inFlight.set(key, lookup);
    return lookup;
  }

  /**
   * The cached answer for `key` while it is fresh, else undefined (an expired one is dropped):
   * what `get` resolves to without a lookup, here at once.
   */
  peek(key: string): V | undefined {
    const cached = this.#answers.get(key);
    if (cached === undefined) return undefined;
    if (cached.expiresAt > this.#now()) return cached.value;
    this.#answers.delete(key);
    return undefined;
  }

  /** Drops the answer for `key` (the next request looks it up again). */
  forget(key: string): void {
    this.#answers.delete(key);
  }

  /** Drops every answer. */
  clear(): void {
    this.#answers.clear();
  }

  /** How many answers are held (expired ones included until they are next touched or evicted). */
  get size(): number {
    return this.#answers.size;
  }

  #remember(key: string, value: V): void {
    if (this.#ttlMs === 0 || this.#maxEntries === 0) return;
    this.#answers.delete(key);
    while (this.#answers.size >= this.#maxEntries) {
      const oldest = this.#answers.keys().next();
      if (oldest.done === true) break;
      this.#answers.delete(oldest.value);
    }
    this.#answers.set(key, { value, expiresAt: this.#now() + this.#ttlMs });
  }
}
