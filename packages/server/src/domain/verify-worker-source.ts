import type { MessagePort } from 'node:worker_threads';

/**
 * The shared memory between the event loop and the verify thread, and the thread's code.
 *
 * Jobs go through a ring of fixed-size slots in a SharedArrayBuffer: the event loop writes a job
 * into the next free slot and publishes it by raising `SUBMITTED`; the thread, asleep in
 * `Atomics.wait` while there is nothing to do, verifies slot after slot, writes one verdict byte
 * per job and raises `DONE`. The two counters only grow (wrapping at 2^32), so neither side ever
 * waits for the other: the loop keeps parsing and answering while the thread verifies.
 *
 * A slot holds signature (64 bytes), public key (32), message length (u32 LE) and the message
 * when it fits in `INLINE_MESSAGE_BYTES`; a longer message travels, in job order, on a
 * MessagePort the thread reads synchronously (`receiveMessageOnPort`), so the ring stays small
 * while any message the body limit admits can be verified.
 */

/** Slots in the ring: a power of two, so a job's slot is its sequence number masked. */
export const RING_SLOTS = 1024;
/** Messages up to this many bytes travel inside their slot (the usual verify message is ~60). */
export const INLINE_MESSAGE_BYTES = 412;
/** signature 64 + public key 32 + length 4 + inline message. */
export const SLOT_BYTES = 100 + INLINE_MESSAGE_BYTES;

/**
 * While jobs are queued, the thread tells the event loop about verdicts in groups of this many (a
 * message costs the loop about as much as parsing a small request); a verdict never waits for
 * more than this many verifications (~0.4 ms) to be announced.
 */
export const ANNOUNCE_EVERY = 8;

/** Int32 indexes of the control array. */
export const CONTROL = {
  /** Jobs the event loop has published. */
  SUBMITTED: 0,
  /** Jobs the thread has verified (their verdicts are written). */
  DONE: 1,
  /** 1 while a "verdicts are ready" message is on its way to the event loop. */
  WAKE: 2,
  /** 1 when the thread should exit once every published job is verified. */
  STOP: 3,
} as const;
export const CONTROL_LENGTH = 4;

/** What the thread receives as `workerData`. */
export interface VerifyWorkerData {
  sodiumPath: string;
  control: SharedArrayBuffer;
  slots: SharedArrayBuffer;
  verdicts: SharedArrayBuffer;
  payloads: MessagePort;
}

/**
 * The thread's code, run as a script (`eval`), so it needs no build step of its own and runs the
 * same under the compiled server and the TypeScript tests. libsodium does not read memory a
 * SharedArrayBuffer backs, so each job is copied into the thread's own buffers first (~160 bytes).
 * It posts a message only when the event loop has none waiting, so a loop that is busy collects
 * many verdicts per message.
 */
export const VERIFY_WORKER_SOURCE = `
'use strict';
const { parentPort, receiveMessageOnPort, workerData } = require('node:worker_threads');
const sodium = require(workerData.sodiumPath);
const SUBMITTED = ${CONTROL.SUBMITTED}, DONE = ${CONTROL.DONE}, WAKE = ${CONTROL.WAKE}, STOP = ${CONTROL.STOP};
const MASK = ${RING_SLOTS - 1}, SLOT_BYTES = ${SLOT_BYTES}, INLINE = ${INLINE_MESSAGE_BYTES};
const ANNOUNCE_EVERY = ${ANNOUNCE_EVERY};
const control = new Int32Array(workerData.control);
const slots = Buffer.from(workerData.slots);
const verdicts = new Uint8Array(workerData.verdicts);
const signature = Buffer.alloc(64);
const publicKey = Buffer.alloc(32);
const inline = Buffer.alloc(INLINE);
let done = Atomics.load(control, DONE);
let unannounced = 0;
// One message tells the loop about every verdict written so far, and none is sent while one is
// still on its way (WAKE).
const announce = () => {
  unannounced = 0;
  if (Atomics.compareExchange(control, WAKE, 0, 1) === 0) parentPort.postMessage(0);
};
for (;;) {
  if (Atomics.load(control, SUBMITTED) === done) {
    if (unannounced > 0) announce();
    if (Atomics.load(control, STOP) === 1) break;
    Atomics.wait(control, SUBMITTED, done);
    continue;
  }
  const slot = done & MASK;
  const at = slot * SLOT_BYTES;
  signature.set(slots.subarray(at, at + 64));
  publicKey.set(slots.subarray(at + 64, at + 96));
  const length = slots.readUInt32LE(at + 96);
  let message;
  if (length <= INLINE) {
    inline.set(slots.subarray(at + 100, at + 100 + length));
    message = inline.subarray(0, length);
  } else {
    const received = receiveMessageOnPort(workerData.payloads);
    if (!received) throw new Error('verify thread: a long message is missing');
    message = Buffer.from(received.message.buffer);
  }
  const ok = sodium.crypto_sign_verify_detached(signature, message, publicKey);
  if (typeof ok !== 'boolean') throw new Error('verify thread: libsodium gave no verdict');
  verdicts[slot] = ok ? 1 : 0;
  done = (done + 1) | 0;
  Atomics.store(control, DONE, done);
  // With more jobs queued, the loop hears every ANNOUNCE_EVERY verdicts rather than each one;
  // the last verdict before the thread sleeps is always announced.
  if (++unannounced === ANNOUNCE_EVERY) announce();
}
`;
