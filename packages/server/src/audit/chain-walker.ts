import type { AuditRow } from '../repositories/audit-repository.js';
import { auditEntryHash } from './audit-hash.js';

/** One break in the chain and the entries it affects. */
export interface AuditBreak {
  /** The first entry affected. */
  seq: number;
  /** The last entry affected (equal to `seq` for a single entry). */
  lastSeq: number;
  problem: string;
}

/** At most this many breaks are kept in a report; `breakCount` counts them all. */
export const MAX_REPORTED_BREAKS = 100;

/**
 * Checks audit entries one by one, oldest first, and keeps going after a break, so a report
 * names every break and not only the first (a harmless early one must not hide later tampering).
 * Each entry is checked three ways: its sequence number follows the previous one (else entries
 * are missing), its `prev_hash` is the previous entry's stored hash (else a link was cut or an
 * entry re-hashed), and its hash matches its content (else it was altered). After a break the
 * walk continues from the entry's stored hash, so one altered entry is one break.
 *
 * @example
 * const walker = new ChainWalker({ seq: 0, hash: GENESIS_HASH });
 * for (const row of rows) walker.accept(row);
 * const tail = walker.headBreak(await audit.head());
 */
export class ChainWalker {
  readonly breaks: AuditBreak[] = [];
  breakCount = 0;
  /** The newest entry before the first break, and how many entries were read up to it. */
  intact: { seq: number; hash: string; entries: number };
  private seq: number;
  private hash: string;

  constructor(from: { seq: number; hash: string }) {
    this.seq = from.seq;
    this.hash = from.hash;
    this.intact = { ...from, entries: 0 };
  }

  /** The newest entry accepted so far. */
  get last(): { seq: number; hash: string } {
    return { seq: this.seq, hash: this.hash };
  }

  accept(row: AuditRow): void {
    const expected = this.seq + 1;
    if (row.seq !== expected) {
      this.report(
        expected,
        row.seq - 1,
        row.seq - 1 === expected
          ? `entry ${expected} is missing`
          : `entries ${expected} to ${row.seq - 1} are missing`,
      );
    } else if (row.prev_hash !== this.hash) {
      this.report(row.seq, row.seq, `entry ${row.seq} does not link to entry ${row.seq - 1}`);
    }
    if (auditEntryHash(row) !== row.hash) {
      this.report(row.seq, row.seq, `entry ${row.seq} was altered (its hash does not match)`);
    }
    this.seq = row.seq;
    this.hash = row.hash;
    if (this.breakCount === 0) {
      this.intact = { seq: row.seq, hash: row.hash, entries: this.intact.entries + 1 };
    }
  }

  /**
   * The head row names the newest entry: a removed tail shows as a head ahead of the walk. Not
   * recorded, since the head moves with every append; callers add it to the report they make.
   */
  headBreak(head: { seq: number; hash: string }): AuditBreak | null {
    if (head.seq === this.seq && head.hash === this.hash) return null;
    return {
      seq: this.seq + 1,
      lastSeq: Math.max(head.seq, this.seq + 1),
      problem:
        head.seq > this.seq
          ? `entries after ${this.seq} are missing (the head says ${head.seq})`
          : `the head (entry ${head.seq}) does not match the newest entry ${this.seq}`,
    };
  }

  private report(seq: number, lastSeq: number, problem: string): void {
    this.breakCount += 1;
    if (this.breaks.length < MAX_REPORTED_BREAKS) this.breaks.push({ seq, lastSeq, problem });
  }
}
