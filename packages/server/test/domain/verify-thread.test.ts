import { afterEach, describe, expect, it } from 'vitest';
import { VerifyThread } from '../../src/domain/verify-thread.js';
import { INLINE_MESSAGE_BYTES, RING_SLOTS } from '../../src/domain/verify-worker-source.js';
import { newKey, signBytes } from '../helpers/keys.js';

let thread: VerifyThread | undefined;
afterEach(async () => {
  await thread?.close();
  thread = undefined;
});

/**
 * `count` jobs, every third one with a changed message (must fail); `messageBytes` picks each
 * message's length (all inline by default).
 */
function jobs(count: number, messageBytes: (i: number) => number = (i) => 10 + (i % 50)) {
  const key = newKey();
  return Array.from({ length: count }, (_, i) => {
    const message = Buffer.alloc(messageBytes(i), `message ${i} `);
    const signature = Buffer.from(signBytes(key, message), 'hex');
    const sent = i % 3 === 2 ? Buffer.concat([message, Buffer.from('!')]) : message;
    return { signature, message: sent, publicKey: key.publicKey, expected: i % 3 !== 2 };
  });
}

type Job = ReturnType<typeof jobs>[number];
const verifyAll = (t: VerifyThread, batch: Job[]) =>
  batch.map((j) => t.verify(j.signature, j.message, j.publicKey));

/** Ends the running thread as a crash would (the test reaches into the private worker). */
function killThread(t: VerifyThread): Promise<void> {
  return (t as unknown as { worker: { terminate(): Promise<void> } }).worker.terminate();
}

/** Resolves once the thread has restarted (the `restarted` hook fired). */
function restartSignal() {
  let signal: () => void = () => undefined;
  const restarted = new Promise<void>((resolve) => (signal = resolve));
  return { restarted, signal: () => signal() };
}

describe('VerifyThread', () => {
  it('verifies concurrent requests on the second thread, each with its own answer', async () => {
    thread = new VerifyThread();
    expect(thread.threadId).not.toBeNull();
    const batch = jobs(300);
    expect(await Promise.all(verifyAll(thread, batch))).toEqual(batch.map((j) => j.expected));
  });

  it('answers jobs submitted one at a time as the thread works, not only whole batches', async () => {
    thread = new VerifyThread();
    const batch = jobs(40);
    const answers: boolean[] = [];
    for (const j of batch) answers.push(await thread.verify(j.signature, j.message, j.publicKey));
    expect(answers).toEqual(batch.map((j) => j.expected));
  });

  it('keeps every verdict right when more jobs are in flight than the ring has slots', async () => {
    thread = new VerifyThread();
    const batch = jobs(RING_SLOTS * 3 + 7);
    expect(await Promise.all(verifyAll(thread, batch))).toEqual(batch.map((j) => j.expected));
  });

  it('verifies messages longer than a slot holds, mixed in order with short ones', async () => {
    thread = new VerifyThread();
    const sizes = [0, INLINE_MESSAGE_BYTES, INLINE_MESSAGE_BYTES + 1, 70_000, 5, 1_000_000, 3];
    const batch = jobs(sizes.length * 4, (i) => sizes[i % sizes.length]!);
    expect(await Promise.all(verifyAll(thread, batch))).toEqual(batch.map((j) => j.expected));
  });

  it('refuses wrong lengths without sending them to the thread', async () => {
    thread = new VerifyThread();
    const [job] = jobs(1);
    expect(await thread.verify(job!.signature.subarray(0, 63), job!.message, job!.publicKey)).toBe(
      false,
    );
    expect(await thread.verify(job!.signature, job!.message, job!.publicKey.subarray(1))).toBe(
      false,
    );
  });

  it('answers every job when the thread dies, reports it, and starts a new thread', async () => {
    const failures: Error[] = [];
    const { restarted, signal } = restartSignal();
    thread = new VerifyThread({ failed: (e) => failures.push(e), restarted: signal });
    const first = thread.threadId;
    const batch = jobs(RING_SLOTS + 200, (i) => (i % 10 === 0 ? 2000 : 40));
    const pending = verifyAll(thread, batch);
    // Killed while jobs are in the ring, on the long-message port and waiting for a slot.
    await killThread(thread);
    expect(await Promise.all(pending)).toEqual(batch.map((j) => j.expected));
    expect(failures).toHaveLength(1);
    // Until the new thread starts, jobs are verified on the event loop.
    const meanwhile = jobs(3);
    expect(await Promise.all(verifyAll(thread, meanwhile))).toEqual(
      meanwhile.map((j) => j.expected),
    );
    await restarted;
    expect(thread.threadId).not.toBeNull();
    expect(thread.threadId).not.toBe(first);
    const later = jobs(50);
    expect(await Promise.all(verifyAll(thread, later))).toEqual(later.map((j) => j.expected));
    expect(failures).toHaveLength(1);
  });

  it('survives a thread dying again and again', async () => {
    const failures: Error[] = [];
    let restarts = 0;
    thread = new VerifyThread({
      failed: (e) => failures.push(e),
      restarted: () => restarts++,
      restartDelayMs: 1,
      maxRestartDelayMs: 4,
    });
    for (let round = 0; round < 4; round++) {
      while (thread.threadId === null) await new Promise((r) => setTimeout(r, 5));
      const batch = jobs(100);
      const pending = verifyAll(thread, batch);
      await killThread(thread);
      expect(await Promise.all(pending)).toEqual(batch.map((j) => j.expected));
    }
    expect(failures).toHaveLength(4);
    while (thread.threadId === null) await new Promise((r) => setTimeout(r, 5));
    expect(restarts).toBe(4);
    const later = jobs(10);
    expect(await Promise.all(verifyAll(thread, later))).toEqual(later.map((j) => j.expected));
  });

  it('lets the thread answer the jobs it has before close() resolves', async () => {
    const failures: Error[] = [];
    thread = new VerifyThread({ failed: (e) => failures.push(e) });
    const batch = jobs(RING_SLOTS + 100, (i) => (i % 7 === 0 ? 1000 : 60));
    const settled: boolean[] = [];
    const pending = verifyAll(thread, batch).map((p, i) => p.then((ok) => (settled[i] = ok)));
    await thread.close();
    // Every job was answered by the time close() resolved, and no failure was reported.
    expect(settled.filter((ok) => ok !== undefined)).toHaveLength(batch.length);
    expect(await Promise.all(pending)).toEqual(batch.map((j) => j.expected));
    expect(failures).toEqual([]);
    expect(thread.threadId).toBeNull();
  });

  it('keeps answering after close, on the event loop', async () => {
    thread = new VerifyThread();
    await thread.close();
    const [job] = jobs(1);
    expect(await thread.verify(job!.signature, job!.message, job!.publicKey)).toBe(true);
  });
});
