import { verifyEd25519 } from './ed25519.js';
import type { SignatureCheck } from './verification-service.js';

/** A check asked for in this turn of the event loop, and whom to tell its verdict. */
interface PendingCheck {
  signature: Uint8Array;
  message: Uint8Array;
  publicKey: Uint8Array;
  resolve: (verified: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * The event loop's signature check (when no verify thread is configured): the checks asked for
 * during one turn of the event loop are run together right after it (`setImmediate`), in the
 * order asked, and only then do their requests go on to be answered. So a turn parses every
 * request that arrived, then verifies them all, then answers them all, instead of alternating
 * parse, verify and answer request by request. Measured with the server on one core and the load
 * on the other (bench/server/vs-peer.mjs): about 30 µs less CPU per verify request, out of about
 * 140. Most of it is in writing the answers: answers that leave together reach a client that is
 * already awake, where one at a time each woke it (the socket write went from about 21 µs a
 * request to 8); the rest is the HTTP stack running faster when it is not interleaved with
 * libsodium. Every verdict is the given check's, unchanged; an answer waits at most for the other
 * checks of its turn.
 *
 * @example
 * const service = new VerificationService(registrations, lastUsed, onOutcome, gatheredSignatureCheck());
 */
export function gatheredSignatureCheck(
  check: (
    signature: Uint8Array,
    message: Uint8Array,
    publicKey: Uint8Array,
  ) => boolean = verifyEd25519,
): SignatureCheck {
  let pending: PendingCheck[] = [];
  const runPending = () => {
    const due = pending;
    pending = [];
    for (const job of due) {
      try {
        job.resolve(check(job.signature, job.message, job.publicKey));
      } catch (error) {
        job.reject(error);
      }
    }
  };
  return (signature, message, publicKey) =>
    new Promise<boolean>((resolve, reject) => {
      // The first check of a turn schedules the run of them all.
      if (pending.push({ signature, message, publicKey, resolve, reject }) === 1) {
        setImmediate(runPending);
      }
    });
}
