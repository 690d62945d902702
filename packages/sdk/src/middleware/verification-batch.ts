/// <reference types="node" />
import type { VerifiedRequest } from '../http-signatures/index.js';
import { isPromised, type NowOrLater } from '../http-signatures/now-or-later.js';
import type { IncomingParts } from './incoming-message.js';
import type { IncomingVerifier } from './signed-requests-options.js';

/** What a batched verification hands back: the verified request, or why it was refused. */
export type VerificationCallback = (error: unknown, verified?: VerifiedRequest) => void;

// Taken once, at import: an application's fake timers must not stall its requests.
const afterThisTurn = setImmediate;

/**
 * Verifies the requests that arrive in one turn of the event loop together, at its end
 * (setImmediate), each fully (every check of spec §3, in order, nonces recorded in arrival order),
 * then continues each. Ed25519 verification called between HTTP parsing, routing and replies runs
 * with cold caches: in bench/middleware-verify.mjs one libsodium verify cost about 110 µs of CPU
 * inside the server against about 62 µs in a loop; verifying back to back, then answering, brings
 * it near the loop's figure. A request waits at most until the end of the turn it arrived in.
 *
 * @example
 * const verifyLater = batchVerifications(verifyIncoming);
 * verifyLater(parts, (error, verified) => (error ? refuse(error) : accept(verified)));
 */
export function batchVerifications(
  verifyIncoming: IncomingVerifier,
): (parts: IncomingParts, callback: VerificationCallback) => void {
  let queue: Array<{ parts: IncomingParts; callback: VerificationCallback }> = [];

  const drain = () => {
    const batch = queue;
    queue = [];
    const outcomes: Array<{ verified: NowOrLater<VerifiedRequest> } | { error: unknown }> = [];
    for (const { parts } of batch) {
      try {
        outcomes.push({ verified: verifyIncoming(parts) });
      } catch (error) {
        outcomes.push({ error });
      }
    }
    batch.forEach(({ callback }, i) => {
      const outcome = outcomes[i]!;
      try {
        if ('error' in outcome) callback(outcome.error);
        else if (isPromised(outcome.verified)) {
          outcome.verified.then(
            (verified) => callback(undefined, verified),
            (error: unknown) => callback(error),
          );
        } else callback(undefined, outcome.verified);
      } catch (error) {
        // Continuations report their own failures (the Fastify hook logs them); this only keeps
        // one that throws from stopping the others. Rethrowing from setImmediate would end the
        // process.
        void error;
      }
    });
  };

  return (parts, callback) => {
    if (queue.push({ parts, callback }) === 1) afterThisTurn(drain);
  };
}
