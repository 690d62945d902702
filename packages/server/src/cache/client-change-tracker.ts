import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ChangeFeed } from './change-feed.js';

/** What the tracker invalidates on this instance. */
export interface Invalidatable {
  invalidate(clientIds: Iterable<string>): void;
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
 * @example
 * batcher.beforeCommit((trx) => tracker.beforeCommit(trx));
 * batcher.afterTransaction((trx) => tracker.afterTransaction(trx));
 */
export class ClientChangeTracker {
  private readonly pending = new WeakMap<object, Set<string>>();

  constructor(
    private readonly feed: ChangeFeed,
    private readonly cache: Invalidatable,
  ) {}

  /** `clientId`'s registrations change in `trx`. */
  record(trx: Transaction<Database>, clientId: string): void {
    let ids = this.pending.get(trx);
    if (!ids) {
      ids = new Set();
      this.pending.set(trx, ids);
    }
    ids.add(clientId);
    this.cache.invalidate([clientId]);
  }

  async beforeCommit(trx: Transaction<Database>): Promise<void> {
    const ids = this.pending.get(trx);
    if (ids && ids.size > 0) await this.feed.publish(trx, [...ids]);
  }

  afterTransaction(trx: Transaction<Database>): void {
    const ids = this.pending.get(trx);
    if (!ids) return;
    this.pending.delete(trx);
    this.cache.invalidate(ids);
  }
}
