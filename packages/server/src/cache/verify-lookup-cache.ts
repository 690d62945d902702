/** Whether a cache may be trusted right now: its change feed is known to be delivering. */
export interface CacheGate {
  usable(): boolean;
}

/** What one lookup did, for the hit-rate metric. */
export type CacheLookupResult = 'hit' | 'miss' | 'bypass';

/**
 * The lookups of the hot read routes (client id → its current registration, for verify and for
 * status) kept in memory, never served stale:
 *
 * - entries are used only while the gate (the change feed) says every change up to a bounded
 *   moment ago has been applied; otherwise every lookup reads the database ("bypass");
 * - a change to a client drops its entry (`invalidate`), a lost feed drops everything (`clear`);
 * - a database read that was under way when a change or a reset arrived may predate it, so its
 *   result is not stored: `set` takes the generation `readStarted` returned before the read.
 *
 * @example
 * const token = cache.readStarted();
 * const row = await readFromDatabase(clientId);
 * cache.set(clientId, row, token);
 */
export class VerifyLookupCache<V> {
  private readonly entries = new Map<string, V>();
  private generation = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly gate: CacheGate,
    private readonly onLookup: (result: CacheLookupResult) => void = () => undefined,
  ) {}

  /** False when the cache was configured off (`--verify-cache-size 0`). */
  get enabled(): boolean {
    return this.maxEntries > 0;
  }

  /**
   * The cached value, or undefined: not cached, cache off, or the feed not confirmed. `serves`
   * says whether a cached value answers this caller (an entry may hold less than a reader needs);
   * one that does not is counted as a miss.
   */
  get(key: string, serves: (value: V) => boolean = () => true): V | undefined {
    if (!this.enabled) return undefined;
    if (!this.gate.usable()) {
      this.onLookup('bypass');
      return undefined;
    }
    const value = this.entries.get(key);
    const hit = value !== undefined && serves(value);
    this.onLookup(hit ? 'hit' : 'miss');
    return value;
  }

  /** Call before reading the database; pass the result to `set`. */
  readStarted(): number {
    return this.generation;
  }

  /** Stores a value read since `readStarted` returned `token`, unless anything changed since. */
  set(key: string, value: V, token: number): void {
    if (!this.enabled || token !== this.generation || !this.gate.usable()) return;
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) {
      // Oldest inserted first out: cheap, and a hot client is re-read at most once per eviction.
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, value);
  }

  /** These keys changed: forget them, and refuse to store reads that started before now. */
  invalidate(keys: Iterable<string>): void {
    this.generation += 1;
    for (const key of keys) this.entries.delete(key);
  }

  /**
   * Part of these keys' values changed: replace each with `revise(value)` (undefined forgets it),
   * and refuse to store reads that started before now, as `invalidate` does.
   */
  revise(keys: Iterable<string>, revise: (value: V) => V | undefined): void {
    this.generation += 1;
    for (const key of keys) {
      const value = this.entries.get(key);
      if (value === undefined) continue;
      const revised = revise(value);
      if (revised === undefined) this.entries.delete(key);
      else this.entries.set(key, revised);
    }
  }

  /** Anything may have changed (the feed was lost or regained): forget everything. */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
