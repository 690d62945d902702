import { describe, expect, it } from 'vitest';
import { ACTIVITY_LIMITS } from '../../src/activity/activity-limits.js';
import {
  ActivityRecorder,
  type ActivityRows,
  type ActivitySink,
} from '../../src/activity/activity-recorder.js';

/** A sink that keeps what it was given, and fails while `down` is set, as a lost database would. */
function memorySink() {
  const writes: ActivityRows[] = [];
  const prunes: number[] = [];
  const sink: ActivitySink & { down: boolean } = {
    down: false,
    add(rows) {
      if (sink.down)
        return Promise.reject(Object.assign(new Error('gone'), { code: 'ECONNREFUSED' }));
      writes.push(rows);
      return Promise.resolve();
    },
    prune(before) {
      prunes.push(before);
      return Promise.resolve();
    },
  };
  return { sink, writes, prunes };
}

const MINUTE = 60_000;
const T0 = 29_000_000 * MINUTE;

describe('ActivityRecorder', () => {
  it('writes one row per minute, kind and outcome with the counts summed', async () => {
    const { sink, writes } = memorySink();
    let now = T0 + 5_000;
    const recorder = new ActivityRecorder(sink, ACTIVITY_LIMITS, () => now);
    recorder.record('verification', 'ok');
    recorder.record('verification', 'ok');
    recorder.record('verification', 'failed', 'acme');
    now += MINUTE;
    recorder.record('rotation', 'ok');
    await recorder.flush();
    expect(writes).toHaveLength(1);
    expect(writes[0]!.counts).toEqual([
      { bucket_minute: 29_000_000, kind: 'verification', outcome: 'ok', count: 2 },
      { bucket_minute: 29_000_000, kind: 'verification', outcome: 'failed', count: 1 },
      { bucket_minute: 29_000_001, kind: 'rotation', outcome: 'ok', count: 1 },
    ]);
    expect(writes[0]!.clientFailures).toEqual([
      { bucket_minute: 29_000_000, client_id: 'acme', count: 1 },
    ]);
    // Nothing new: nothing written.
    await recorder.flush();
    expect(writes).toHaveLength(1);
  });

  it('keeps the counts of a failed flush and writes them with the next one', async () => {
    const { sink, writes } = memorySink();
    const recorder = new ActivityRecorder(sink, ACTIVITY_LIMITS, () => T0);
    recorder.record('registration', 'ok');
    sink.down = true;
    await expect(recorder.flush()).rejects.toThrow('gone');
    recorder.record('registration', 'ok');
    recorder.record('registration', 'failed', 'x');
    await expect(recorder.flush()).rejects.toThrow('gone');
    sink.down = false;
    await recorder.flush();
    expect(writes).toHaveLength(1);
    expect(writes[0]!.counts).toEqual([
      { bucket_minute: T0 / MINUTE, kind: 'registration', outcome: 'ok', count: 2 },
      { bucket_minute: T0 / MINUTE, kind: 'registration', outcome: 'failed', count: 1 },
    ]);
  });

  it('holds at most pendingMinutes of counts while the database is away, dropping the oldest', async () => {
    const { sink, writes } = memorySink();
    let now = T0;
    const limits = { ...ACTIVITY_LIMITS, pendingMinutes: 3 };
    const recorder = new ActivityRecorder(sink, limits, () => now);
    sink.down = true;
    for (let i = 0; i < 5; i += 1) {
      recorder.record('verification', 'ok');
      await expect(recorder.flush()).rejects.toThrow();
      now += MINUTE;
    }
    expect(recorder.droppedMinutes).toBe(2);
    sink.down = false;
    await recorder.flush();
    expect(writes[0]!.counts.map((c) => c.bucket_minute)).toEqual([
      T0 / MINUTE + 2,
      T0 / MINUTE + 3,
      T0 / MINUTE + 4,
    ]);
  });

  it('bounds client ids: tracked per minute in memory, the most failing written', async () => {
    const { sink, writes } = memorySink();
    const limits = { ...ACTIVITY_LIMITS, trackedClientsPerMinute: 4, storedClientsPerMinute: 2 };
    const recorder = new ActivityRecorder(sink, limits, () => T0);
    for (const [id, n] of [
      ['a', 1],
      ['b', 3],
      ['c', 2],
      ['d', 1],
      ['e', 9],
    ] as const) {
      for (let i = 0; i < n; i += 1) recorder.record('verification', 'failed', id);
    }
    await recorder.flush();
    // e came after four others were tracked: counted in the totals, not by name.
    expect(writes[0]!.counts[0]!.count).toBe(16);
    expect(writes[0]!.clientFailures.map((r) => [r.client_id, r.count])).toEqual([
      ['b', 3],
      ['c', 2],
    ]);
    // Later in the same minute only the two already written are written again.
    recorder.record('verification', 'failed', 'a');
    recorder.record('verification', 'failed', 'c');
    await recorder.flush();
    expect(writes[1]!.clientFailures.map((r) => r.client_id)).toEqual(['c']);
  });

  it('cleans untrusted client ids like audit text, and ignores them on success', async () => {
    const { sink, writes } = memorySink();
    const recorder = new ActivityRecorder(sink, ACTIVITY_LIMITS, () => T0);
    recorder.record('registration', 'failed', `x\u0000${'y'.repeat(300)}`);
    recorder.record('registration', 'ok', 'named');
    await recorder.flush();
    const [row] = writes[0]!.clientFailures;
    expect(row!.client_id).toBe(`x\ufffd${'y'.repeat(126)}`);
    expect(writes[0]!.clientFailures).toHaveLength(1);
  });

  it('prunes minutes past the retention at most every pruneEveryMs', async () => {
    const { sink, prunes } = memorySink();
    let now = T0;
    const recorder = new ActivityRecorder(sink, ACTIVITY_LIMITS, () => now);
    await recorder.flush();
    now += 60_000;
    await recorder.flush();
    now += ACTIVITY_LIMITS.pruneEveryMs;
    await recorder.flush();
    expect(prunes).toEqual([
      T0 / MINUTE - ACTIVITY_LIMITS.retentionMinutes,
      (T0 + 60_000 + ACTIVITY_LIMITS.pruneEveryMs) / MINUTE - ACTIVITY_LIMITS.retentionMinutes,
    ]);
  });
});
