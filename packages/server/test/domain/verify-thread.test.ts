import { afterEach, describe, expect, it } from 'vitest';
import { VerifyThread } from '../../src/domain/verify-thread.js';
import { newKey, signBytes } from '../helpers/keys.js';

let thread: VerifyThread | undefined;
afterEach(async () => {
  await thread?.close();
  thread = undefined;
});

/** `count` jobs, every third one with a changed message (must fail). */
function jobs(count: number) {
  const key = newKey();
  return Array.from({ length: count }, (_, i) => {
    const message = Buffer.from(`message ${i} ${'x'.repeat(i % 50)}`);
    const signature = Buffer.from(signBytes(key, message), 'hex');
    const sent = i % 3 === 2 ? Buffer.from(`${message.toString()}!`) : message;
    return { signature, message: sent, publicKey: key.publicKey, expected: i % 3 !== 2 };
  });
}

describe('VerifyThread', () => {
  it('verifies a batch of concurrent requests on the second thread, each with its own answer', async () => {
    thread = new VerifyThread();
    const batch = jobs(300);
    const answers = await Promise.all(
      batch.map((j) => thread!.verify(j.signature, j.message, j.publicKey)),
    );
    expect(answers).toEqual(batch.map((j) => j.expected));
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

  it('answers every job on the event loop when the thread dies, and reports the failure', async () => {
    const failures: unknown[] = [];
    thread = new VerifyThread((error) => failures.push(error));
    const batch = jobs(60);
    const pending = batch.map((j) => thread!.verify(j.signature, j.message, j.publicKey));
    // Kill the thread while the batch is queued or in flight.
    await (thread as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    expect(await Promise.all(pending)).toEqual(batch.map((j) => j.expected));
    expect(failures).toHaveLength(1);
    const later = jobs(3);
    const answers = await Promise.all(
      later.map((j) => thread!.verify(j.signature, j.message, j.publicKey)),
    );
    expect(answers).toEqual(later.map((j) => j.expected));
  });

  it('keeps answering after close, on the event loop', async () => {
    thread = new VerifyThread();
    await thread.close();
    const [job] = jobs(1);
    expect(await thread.verify(job!.signature, job!.message, job!.publicKey)).toBe(true);
  });
});
