import { hash } from 'node:crypto';
import { assertClientId, DataFoldError, ValidationError } from '@datafold/js-sdk';
import type { RegistrationRepository } from '../repositories/registration-repository.js';
import { verifyEd25519 } from './ed25519.js';
import type { LastUsedBuffer } from './last-used-buffer.js';
import {
  decodeMessage,
  MESSAGE_ENCODINGS,
  parseSignatureHex,
  type MessageEncoding,
} from './wire-inputs.js';

/** The body of POST /api/crypto/signatures/verify after JSON schema validation. */
export interface VerifyInput {
  client_id?: string | null;
  message?: string | null;
  signature?: string | null;
  message_encoding?: string | null;
  metadata?: Record<string, unknown> | null;
}

/** A verify request whose fields passed every check. */
export interface ParsedVerify {
  clientId: string;
  message: Buffer;
  signature: Buffer;
}

/** The `data` of a 200 from verify; `verified` is always true (a failure is the 401 error). */
export interface VerifyView {
  verified: true;
  client_id: string;
  public_key: string;
  verified_at: string;
  message_hash: string;
}

/** Verifies an Ed25519 signature, at once or later (on another thread). */
export type SignatureCheck = (
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
) => boolean | Promise<boolean>;

/** What happened, for the verify-outcome metric. */
export type VerifyOutcome = 'verified' | 'invalid_request' | 'not_found' | 'not_active' | 'failed';

/**
 * Signature verification against a client's registered key, free of HTTP. The checks run in
 * WIRE-PROTOCOL.md's order, so every 400 comes before the 404.
 *
 * @example
 * const view = await service.verify({ client_id, message: 'hi', signature });
 */
export class VerificationService {
  constructor(
    private readonly registrations: RegistrationRepository,
    private readonly lastUsed: LastUsedBuffer,
    /** Told every answer's outcome, with the client id once it passed the client id rule. */
    private readonly onOutcome: (outcome: VerifyOutcome, clientId: string | null) => void = () =>
      undefined,
    /** The signature check: on the event loop by default, or a VerifyThread's. */
    private readonly checkSignature: SignatureCheck = verifyEd25519,
  ) {}

  /**
   * The request's fields checked in WIRE-PROTOCOL.md's order, before any lookup; `refusal` is a
   * rule of the request schema these checks did not catch (answered after them, so every coded
   * 400 keeps its documented order).
   */
  private parse(input: VerifyInput, refusal: DataFoldError | null): ParsedVerify {
    try {
      assertClientId(input.client_id, 'client_id');
      // An empty message is a message (spec/ed25519-verification.md: "any bytes, including
      // none") when the client names a valid message_encoding; without one it is refused, in the
      // order WIRE-PROTOCOL.md gives existing clients.
      const explicitEncoding = (MESSAGE_ENCODINGS as readonly unknown[]).includes(
        input.message_encoding,
      );
      if (typeof input.message !== 'string' || (input.message === '' && !explicitEncoding)) {
        throw new ValidationError(
          'INVALID_MESSAGE',
          'message is required (an empty message needs an explicit message_encoding)',
          { field: 'message' },
        );
      }
      const signature = parseSignatureHex(input.signature);
      const encoding = input.message_encoding ?? 'utf8';
      if (!(MESSAGE_ENCODINGS as readonly string[]).includes(encoding)) {
        throw new ValidationError(
          'INVALID_ENCODING',
          'message_encoding must be utf8, hex or base64',
          { field: 'message_encoding' },
        );
      }
      const message = decodeMessage(input.message, encoding as MessageEncoding);
      if (refusal) throw refusal;
      return { clientId: input.client_id, message, signature };
    } catch (error) {
      this.onOutcome('invalid_request', null);
      throw error;
    }
  }

  async verify(input: VerifyInput, refusal: DataFoldError | null = null): Promise<VerifyView> {
    const { clientId, message, signature } = this.parse(input, refusal);
    const registration = await this.registrations.findForVerify(clientId);
    if (!registration) {
      this.onOutcome('not_found', clientId);
      throw new DataFoldError('CLIENT_NOT_FOUND', 'no registration for this client id', {
        client_id: clientId,
      });
    }
    if (registration.status !== 'active') {
      this.onOutcome('not_active', clientId);
      throw new DataFoldError(
        'KEY_NOT_ACTIVE',
        `this client's key is ${registration.status}; sign with its current key`,
        { client_id: clientId, status: registration.status },
      );
    }
    const publicKey = registration.publicKeyBytes ?? Buffer.from(registration.public_key, 'hex');
    if (!(await this.checkSignature(signature, message, publicKey))) {
      this.onOutcome('failed', clientId);
      throw new DataFoldError(
        'SIGNATURE_VERIFICATION_FAILED',
        'the signature does not verify for this message and the registered key',
        { client_id: clientId },
      );
    }
    const verifiedAt = new Date().toISOString();
    this.lastUsed.touch(registration.registration_id, verifiedAt);
    this.onOutcome('verified', clientId);
    return {
      verified: true,
      client_id: clientId,
      public_key: registration.public_key,
      verified_at: verifiedAt,
      // One-shot hash (no Hash object per request).
      message_hash: hash('sha256', message, 'hex'),
    };
  }
}
