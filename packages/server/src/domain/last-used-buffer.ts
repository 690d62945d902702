import type { WriteBatcher } from '../db/write-batcher.js';
import type { RegistrationRepository } from '../repositories/registration-repository.js';

/**
 * Write-behind for verify's `last_used`. A successful verify records its time here and answers at
 * once; the times are written in one batch every flush interval and at shutdown. Without it every
 * verify would be a durable write, and verify throughput would be the disk's fsync rate. The
 * status route reads through this buffer, so one instance never shows a stale value; another
 * instance sees it at most one interval late.
 *
 * @example
 * buffer.touch(registrationId, new Date().toISOString());
 */
export class LastUsedBuffer {
  private pending = new Map<string, string>();

  constructor(
    private readonly batcher: WriteBatcher,
    private readonly registrations: RegistrationRepository,
  ) {}

  touch(registrationId: string, at: string): void {
    const current = this.pending.get(registrationId);
    if (!current || at > current) this.pending.set(registrationId, at);
  }

  get(registrationId: string): string | undefined {
    return this.pending.get(registrationId);
  }

  /** Writes everything buffered so far; the buffer keeps what arrives meanwhile. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const entries = this.pending;
    this.pending = new Map();
    try {
      await this.batcher.run((trx) => this.registrations.updateLastUsed(trx, entries));
    } catch (error) {
      // Keep the times for the next attempt rather than lose them.
      for (const [id, at] of entries) this.touch(id, at);
      throw error;
    }
  }
}
