import { ValidationError } from '../errors/datafold-error.js';
import type { NowOrLater } from './now-or-later.js';

/**
 * Where a verifier records the nonces it has accepted (spec §3 step 10, §3.1). Implementations:
 * {@link createMemoryReplayStore} for one process; the server's Redis and database stores for many.
 *
 * @example
 * const verdict = await store.remember(`${clientId}\n${nonce}`, (created + 330) * 1000);
 */
export interface ReplayStore {
  /** Signatures created before this instant (seconds) are refused as TOO_OLD (memory stores: their birth). */
  readonly notBefore?: number;
  /** 'new' the first time key is seen before expiresAtMs, 'seen' after; throws when unreachable. */
  remember(key: string, expiresAtMs: number): Promise<'new' | 'seen'>;
}

/** Options of {@link createMemoryReplayStore}. */
export interface MemoryReplayStoreOptions {
  /** Most nonces held at once (default 100,000); beyond it, and with none expired, remember throws. */
  maxEntries?: number;
  /** Milliseconds since the epoch (tests). */
  now?: () => number;
}

const DEFAULT_MAX_ENTRIES = 100_000;
const FULL_SWEEP_INTERVAL_MS = 1000;

/**
 * A replay store in this process's memory (spec §3.1). Its `notBefore` is its own birth (rounded
 * up to the second), so after a restart nothing signed before can be replayed. Bounded: when it
 * holds `maxEntries` unexpired nonces it throws rather than forget one, and a verifier turns that
 * into REPLAY_STORE_UNAVAILABLE — it fails closed, never open.
 *
 * @example
 * const replayStore = createMemoryReplayStore();
 * await verifyRequest(request, { resolveKey, replayStore });
 */
export function createMemoryReplayStore(options: MemoryReplayStoreOptions = {}): ReplayStore {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new ValidationError('INVALID_ARGUMENT', 'maxEntries must be a positive integer');
  }
  // Insertion order is nearly expiry order (every entry lives created + maxAge + skew), so
  // expired entries are dropped from the front as new ones arrive.
  const expiries = new Map<string, number>();
  let lastFullSweep = -Infinity;
  // The expiry of the entry at the front, once looked at (-Infinity when not known): until then
  // nothing is dropped from the front, and no iterator is made. Any deletion but the front's own
  // forgets it, since it may change the front.
  let frontExpiresAt = -Infinity;

  const dropExpiredFromFront = (t: number) => {
    if (frontExpiresAt > t) return;
    frontExpiresAt = -Infinity;
    for (const [key, expiresAt] of expiries) {
      if (expiresAt > t) {
        frontExpiresAt = expiresAt;
        return;
      }
      expiries.delete(key);
    }
  };
  const dropAllExpired = (t: number) => {
    lastFullSweep = t;
    frontExpiresAt = -Infinity;
    for (const [key, expiresAt] of expiries) if (expiresAt <= t) expiries.delete(key);
  };

  const rememberNow = (key: string, expiresAtMs: number): 'new' | 'seen' => {
    const t = now();
    const known = expiries.get(key);
    if (known !== undefined && known > t) return 'seen';
    if (known !== undefined) {
      expiries.delete(key);
      frontExpiresAt = -Infinity;
    }
    dropExpiredFromFront(t);
    if (expiries.size >= maxEntries && t - lastFullSweep >= FULL_SWEEP_INTERVAL_MS) {
      dropAllExpired(t);
    }
    if (expiries.size >= maxEntries) {
      throw new Error(`the memory replay store holds ${maxEntries} live nonces`);
    }
    expiries.set(key, expiresAtMs);
    return 'new';
  };
  // Its throw (the store full) becomes the rejection, as the interface says.
  const remember = (key: string, expiresAtMs: number): Promise<'new' | 'seen'> =>
    new Promise((resolve) => resolve(rememberNow(key, expiresAtMs)));
  immediateRemembers.set(remember, rememberNow);
  return { notBefore: Math.ceil(now() / 1000), remember };
}

// The synchronous half of each memory store's `remember`, by that function: a store whose
// `remember` was replaced (a wrapper, a test's failing stub) is asked through its promise.
const immediateRemembers = new WeakMap<
  StoreRemember,
  (key: string, expiresAtMs: number) => 'new' | 'seen'
>();

type StoreRemember = (key: string, expiresAtMs: number) => Promise<'new' | 'seen'>;

/**
 * `store.remember(key, expiresAtMs)`, answered synchronously by a memory store (its own answer,
 * without the promise) and through the promise by any other. Throws synchronously where a memory
 * store's `remember` would reject. @internal
 *
 * @example
 * const verdict = rememberNowOrLater(store, `${clientId}\n${nonce}`, expiresAtMs);
 */
export function rememberNowOrLater(
  // A ReplayStore, whose `remember` is called on it (a class's method keeps its `this`).
  store: { readonly remember: StoreRemember },
  key: string,
  expiresAtMs: number,
): NowOrLater<'new' | 'seen'> {
  const rememberNow = immediateRemembers.get(store.remember);
  return rememberNow === undefined
    ? store.remember(key, expiresAtMs)
    : rememberNow(key, expiresAtMs);
}
