import type { CachedRegistration } from '../repositories/registration-repository.js';
import type { ChangeListener } from './change-feed.js';
import type { Invalidatable } from './client-change-tracker.js';
import type { VerifyLookupCache } from './verify-lookup-cache.js';

/** The cached registration without what `last_used` moved under: status re-reads, verify keeps its key. */
const withoutRow = (entry: CachedRegistration): CachedRegistration =>
  entry.row === null ? entry : { ...entry, row: null };

/**
 * The one way changes reach the registration cache, whoever reports them: this instance's
 * transactions (ClientChangeTracker) or other instances' (the change feed). A registration change
 * drops the client's entry; a `last_used` change drops only the row status shows; a lost feed
 * drops everything.
 *
 * @example
 * const listener = registrationCacheListener(cache);
 * feed.subscribe(listener);
 * const tracker = new ClientChangeTracker(feed, listener);
 */
export function registrationCacheListener(
  cache: VerifyLookupCache<CachedRegistration>,
): ChangeListener & Invalidatable {
  return {
    changed: (clientIds) => cache.invalidate(clientIds),
    invalidate: (clientIds) => cache.invalidate(clientIds),
    lastUsedChanged: (clientIds) => cache.revise(clientIds, withoutRow),
    reset: () => cache.clear(),
  };
}
