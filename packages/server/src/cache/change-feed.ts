import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CacheGate } from './verify-lookup-cache.js';

/**
 * What changed about a client: its registrations (a key registered, revoked, rotated), or only
 * the `last_used` of one of them (written behind, see last-used-buffer.ts), which leaves what
 * verify checks as it was.
 */
export type ChangeKind = 'registrations' | 'last_used';

/** What a feed tells the caches of this instance. */
export interface ChangeListener {
  /** These clients' registrations changed (on any instance). */
  changed(clientIds: readonly string[]): void;
  /** Only the `last_used` of these clients' registrations changed (on any instance). */
  lastUsedChanged(clientIds: readonly string[]): void;
  /** Changes may have been missed: drop everything. */
  reset(): void;
}

/** The feed's state, for /api/health and the logs. */
export type ChangeFeedState =
  /** SQLite: this process is the only writer (the directory lock), every change is local. */
  | 'local'
  /** Connected, and a heartbeat came back within the staleness bound. */
  | 'live'
  /** Connected, but no heartbeat confirmed within the bound: caches are bypassed. */
  | 'lagging'
  /** Not connected: caches are bypassed until the feed is back. */
  | 'down';

/**
 * How instances learn about each other's writes (docs/architecture.md, "Across instances"): every transaction that
 * changes a client publishes the client id with its commit, every instance invalidates on it, and
 * `usable()` says whether this instance may serve from its caches right now.
 */
export interface ChangeFeed extends CacheGate {
  /** Publishes changed client ids inside `trx`: delivered to every instance if and when it commits. */
  publish(
    trx: Transaction<Database>,
    clientIds: readonly string[],
    kind?: ChangeKind,
  ): Promise<void>;
  subscribe(listener: ChangeListener): void;
  state(): ChangeFeedState;
  /** Starts listening; resolves once connected or once the first attempt failed (then retries). */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The feed of a SQLite server: one process owns the data directory (data-dir-lock.ts), so every
 * change is made here and invalidated here before it is acknowledged. Nothing to publish.
 *
 * @example
 * const cache = new VerifyLookupCache(100_000, new LocalChangeFeed());
 */
export class LocalChangeFeed implements ChangeFeed {
  usable(): boolean {
    return true;
  }
  publish(): Promise<void> {
    return Promise.resolve();
  }
  subscribe(): void {
    // Local changes reach the caches through ClientChangeTracker directly.
  }
  state(): ChangeFeedState {
    return 'local';
  }
  start(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}
