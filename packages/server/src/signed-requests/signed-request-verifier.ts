import {
  RequestSignatureError,
  verifyHttpMessage,
  type HttpMessageParts,
  type ResolvedRequestKey,
  type VerifiedRequest,
} from '@datafold/js-sdk';
import type { LastUsedBuffer } from '../domain/last-used-buffer.js';
import type { RegistrationRepository } from '../repositories/registration-repository.js';
import type { ServerReplayStore } from '../replay/server-replay-store.js';

/** What a verification ended in, for the metric: `verified` or the refusal's code. */
export type SignedRequestOutcome = 'verified' | RequestSignatureError['code'];

/** What the verifier works with. */
export interface SignedRequestVerifierOptions {
  registrations: RegistrationRepository;
  lastUsed: LastUsedBuffer;
  replayStore: ServerReplayStore;
  /** The server's clock (tests set it); the SDK's checks read it. */
  now?: () => number;
  onOutcome?: (outcome: SignedRequestOutcome) => void;
}

/**
 * The server's verifier of signed requests (spec/http-message-signatures-v1.md §3), used by
 * `--require-signed-requests` and by `POST /api/crypto/requests/verify`. The checks and their
 * order are the SDK's `verifyHttpMessage`; the server supplies the key and the replay store:
 *
 * - keys through the verify-lookup cache (`findForVerify`), which the change feed keeps current,
 *   so a revocation or rotation acknowledged by any instance is honoured at once;
 * - nonces in the server's shared store (Redis or the database), so a nonce is accepted once
 *   across every instance;
 * - the default maximum age (300 s) and clock skew (30 s) of the profile.
 *
 * A verified request counts as a use of the client's key (`last_used`).
 *
 * @example
 * const verified = await verifier.verify({ method: 'GET', targetUri, headers, body });
 */
export class SignedRequestVerifier {
  private readonly options: SignedRequestVerifierOptions;

  constructor(options: SignedRequestVerifierOptions) {
    this.options = options;
  }

  async verify(message: HttpMessageParts): Promise<VerifiedRequest> {
    const { registrations, lastUsed, replayStore, now, onOutcome } = this.options;
    let registrationId: string | undefined;
    const resolveKey = async (clientId: string): Promise<ResolvedRequestKey> => {
      const found = await registrations.findForVerify(clientId);
      if (!found) return { status: 'unknown' };
      if (found.status !== 'active') return { status: 'inactive' };
      registrationId = found.registration_id;
      return {
        status: 'active',
        publicKey: found.publicKeyBytes ?? Buffer.from(found.public_key, 'hex'),
      };
    };
    try {
      const verified = await verifyHttpMessage(message, {
        resolveKey,
        replayStore,
        ...(now ? { now } : {}),
      });
      if (registrationId !== undefined) {
        lastUsed.touch(registrationId, new Date((now ?? Date.now)()).toISOString());
      }
      onOutcome?.('verified');
      return verified;
    } catch (error) {
      if (error instanceof RequestSignatureError) onOutcome?.(error.code);
      throw error;
    }
  }
}
