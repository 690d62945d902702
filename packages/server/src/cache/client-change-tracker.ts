import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ChangeFeed, ChangeKind } from './change-feed.js';

/** What the tracker invalidates on this instance. */
export interface Invalidatable {
  invalidate(clientIds: Iterable<string>): void;
  /** Only `last_used` changed: what verify checks stays valid, what status shows does not. */
  lastUsedChanged(clientIds: Iterable<string>): void;
}

/**
 * Carries each change to a client's registrations from the transaction that makes it to every
 * cache that holds it:
 *
 * - at `record` the client is dropped from this instance's caches at once;
 * - before commit (`beforeCommit`) the changed ids are published in the same transaction, so other
 *   instances hear of exactly the changes that commit;
 * - after the transaction ends (`afterTransaction`, committed or not) they are dropped here again,
 *   because a concurrent read may have cached the old row between `record` and the commit. Only
 *   then is the change acknowledged, so this instance never answers from a stale entry.
 *
 * A change of `last_used` alone (`recordLastUsed`) travels the same way as a kind of its own, so
 * the caches drop only what shows it and verify keeps its cached keys.
 *
 * @example
 * batcher.beforeCommit((trx) => tracker.beforeCommit(trx));
 * batcher.afterTransaction((trx) => tracker.afterTransaction(trx));
 */
export class ClientChangeTracker {
  private readonly pending = new WeakMap<object, Record<ChangeKind, Set<string>>>();

  constructor(
    private readonly feed: ChangeFeed,
    private readonly cache: Invalidatable,
  ) {}

  /** `clientId`'s registrations change in `trx`. */
  record(trx: Transaction<Database>, clientId: string): void {
    this.pendingOf(trx).registrations.add(clientId);
    this.cache.invalidate([clientId]);
  }

  /** The `last_used` of one of `clientId`'s registrations changes in `trx`. */
  recordLastUsed(trx: Transaction<Database>, clientId: string): void {
    this.pendingOf(trx).last_used.add(clientId);
    this.cache.lastUsedChanged([clientId]);
  }

  async beforeCommit(trx: Transaction<Database>): Promise<void> {
    const ids = this.pending.get(trx);
    if (!ids) return;
    if (ids.registrations.size > 0) await this.feed.publish(trx, [...ids.registrations]);
    if (ids.last_used.size > 0) await this.feed.publish(trx, [...ids.last_used], 'last_used');
  }

  afterTransaction(trx: Transaction<Database>): void {
    const ids = this.pending.get(trx);
    if (!ids) return;
    this.pending.delete(trx);
    if (ids.registrations.size > 0) this.cache.invalidate(ids.registrations);
    if (ids.last_used.size > 0) this.cache.lastUsedChanged(ids.last_used);
  }

  private pendingOf(trx: Transaction<Database>): Record<ChangeKind, Set<string>> {
    let ids = this.pending.get(trx);
    if (!ids) {
      ids = { registrations: new Set(), last_used: new Set() };
      this.pending.set(trx, ids);
    }
    return ids;
  }
}
