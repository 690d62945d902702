/**
 * A cache of imported keys keyed by the caller's Uint8Array. Importing a key costs about 15x a
 * signature (docs/architecture.md, the crypto choices), so sign and verify import each key once.
 *
 * Lookups go by object identity first (a WeakMap, so entries die with the caller's array) and
 * then compare the bytes against our copy, so a caller that mutates or wipes its array never gets
 * the old key. Public keys also go into a small LRU keyed by their bytes, for callers (servers)
 * that decode a fresh array per request; private keys never do, because a JS string cannot be wiped.
 *
 * So a cached private key (our copy of its bytes, and the value: a CryptoKey, a KeyObject, or
 * libsodium's 64-byte secret key) lives no longer than the caller's array: it is dropped with that
 * array, and wiped (where `wipeValue` says how) by forgetEd25519Key, by clear(), or as soon as a
 * lookup finds the caller's array holding other bytes.
 */

interface Entry<V> {
  readonly bytes: Uint8Array;
  value: V;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  // Full pass without early exit: private keys are compared here too.
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

function bytesKey(bytes: Uint8Array): string {
  return String.fromCharCode.apply(null, bytes as unknown as number[]);
}

/**
 * Key-material-aware cache; `lruSize` 0 disables the by-value LRU (private keys).
 *
 * @example
 * const cache = new KeyCache<CryptoKey>(256);
 * const hit = cache.get(publicKey) ?? cache.set(publicKey, await importIt(publicKey));
 */
export class KeyCache<V> {
  private byObject = new WeakMap<Uint8Array, Entry<V>>();
  private readonly byValue = new Map<string, Entry<V>>();
  // Weak handles on every entry, so clear() can wipe copies that only the WeakMap still holds.
  private readonly live = new Set<WeakRef<Entry<V>>>();
  private pruneAt = 1024;

  /**
   * @param lruSize entries also kept by value (0 for private keys: none)
   * @param wipeValue wipes a value's secret bytes when its entry is dropped (values that hold
   *   secrets in JS memory); values kept inside the platform (CryptoKey, KeyObject) need none
   */
  constructor(
    private readonly lruSize: number,
    private readonly wipeValue?: (value: V) => void,
  ) {}

  get(key: Uint8Array): V | undefined {
    const entry = this.byObject.get(key);
    if (entry !== undefined) {
      if (sameBytes(entry.bytes, key)) return entry.value;
      this.byObject.delete(key);
      // The caller changed its array: the old key has no owner left. A by-value entry may still
      // serve another array, so only private (by-object only) entries are wiped here.
      if (this.lruSize === 0) this.wipe(entry);
    }
    if (this.lruSize === 0) return undefined;
    const id = bytesKey(key);
    const shared = this.byValue.get(id);
    if (shared === undefined) return undefined;
    // Refresh recency, and remember this array object for the fast path.
    this.byValue.delete(id);
    this.byValue.set(id, shared);
    this.byObject.set(key, shared);
    return shared.value;
  }

  set(key: Uint8Array, value: V): V {
    const entry: Entry<V> = { bytes: new Uint8Array(key), value };
    this.byObject.set(key, entry);
    this.track(entry);
    if (this.lruSize > 0) {
      this.byValue.set(bytesKey(key), entry);
      if (this.byValue.size > this.lruSize) {
        const oldest = this.byValue.keys().next().value as string;
        this.byValue.delete(oldest);
      }
    }
    return value;
  }

  /**
   * Replaces `from` by `to` in the entry for `key`, if that entry still holds `from` (an import
   * finished and nothing replaced it meanwhile). Updates in place: no second copy of the bytes.
   */
  settle(key: Uint8Array, from: V, to: V): void {
    const entry = this.byObject.get(key);
    if (entry !== undefined && entry.value === from) entry.value = to;
  }

  /** Drops and wipes the entry for this array object, if any. */
  forget(key: Uint8Array): void {
    const entry = this.byObject.get(key);
    if (entry === undefined) return;
    this.byObject.delete(key);
    if (this.lruSize > 0) this.byValue.delete(bytesKey(entry.bytes));
    this.wipe(entry);
  }

  /** Drops and wipes every entry still alive. */
  clear(): void {
    for (const ref of this.live) {
      const entry = ref.deref();
      if (entry !== undefined) this.wipe(entry);
    }
    this.live.clear();
    this.byValue.clear();
    this.byObject = new WeakMap();
  }

  private wipe(entry: Entry<V>): void {
    entry.bytes.fill(0);
    this.wipeValue?.(entry.value);
  }

  private track(entry: Entry<V>): void {
    // Prune handles of collected entries once the set has doubled since the last pruning, so the
    // set stays near the live count at an amortized constant cost per entry (a fixed interval
    // would rescan every live handle each time: quadratic for a caller making many keys).
    if (this.live.size >= this.pruneAt) {
      for (const ref of this.live) if (ref.deref() === undefined) this.live.delete(ref);
      this.pruneAt = Math.max(1024, 2 * this.live.size);
    }
    this.live.add(new WeakRef(entry));
  }
}
