import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { WriteBatcher } from '../db/write-batcher.js';

/** Where buffered times are written: a repository whose rows carry `last_used`. */
export interface LastUsedWriter {
  /** Sets each id's `last_used` to its time unless the stored one is later. */
  updateLastUsed(trx: Transaction<Database>, entries: ReadonlyMap<string, string>): Promise<void>;
}

/**
 * Write-behind for `last_used`: of registrations (verify) and of admin tokens (authentication).
 * A successful use records its time here and the request is answered at once; the times are
 * written in one batch every flush interval and at shutdown. Without it every verify would be a
 * durable write, and verify throughput would be the disk's fsync rate. Readers (the status route,
 * the token listing) read through this buffer, so one instance never shows a stale value; another
 * instance sees it at most one interval late. Ids are whatever the writer keys its rows by.
 *
 * @example
 * buffer.touch(registrationId, new Date().toISOString());
 */
export class LastUsedBuffer {
  private pending = new Map<string, string>();
  /**
   * The times of flushes under way: no longer pending, not yet known to be committed. A reader
   * still sees them, so `last_used` never steps back while a flush is in flight.
   */
  private readonly flushing = new Set<ReadonlyMap<string, string>>();

  constructor(
    private readonly batcher: WriteBatcher,
    private readonly writer: LastUsedWriter,
  ) {}

  touch(id: string, at: string): void {
    const current = this.pending.get(id);
    if (!current || at > current) this.pending.set(id, at);
  }

  /** The newest time buffered or being written for `id`. */
  get(id: string): string | undefined {
    let newest = this.pending.get(id);
    for (const entries of this.flushing) {
      const at = entries.get(id);
      if (at !== undefined && (newest === undefined || at > newest)) newest = at;
    }
    return newest;
  }

  /** Writes everything buffered so far; the buffer keeps what arrives meanwhile. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const entries = this.pending;
    this.pending = new Map();
    this.flushing.add(entries);
    try {
      await this.batcher.run((trx) => this.writer.updateLastUsed(trx, entries));
    } catch (error) {
      // Keep the times for the next attempt rather than lose them.
      for (const [id, at] of entries) this.touch(id, at);
      throw error;
    } finally {
      this.flushing.delete(entries);
    }
  }
}
