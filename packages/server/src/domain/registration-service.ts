import { randomUUID } from 'node:crypto';
import {
  assertClientId,
  assertStatementNonce,
  canonicalStatement,
  DataFoldError,
  isDataFoldError,
  keyFingerprint,
  parseStatementTimestamp,
  ValidationError,
  wellFormed,
} from '@datafold/js-sdk';
import type {
  RegistrationRepository,
  RegistrationRow,
} from '../repositories/registration-repository.js';
import type { ChangeActor, DurableChanges } from './durable-change.js';
import { verifyEd25519 } from './ed25519.js';
import type { LastUsedBuffer } from './last-used-buffer.js';
import {
  toRegistrationView,
  toStatusView,
  type RegistrationView,
  type StatusView,
} from './registration-view.js';
import { assertFresh } from './statement-freshness.js';
import { parsePublicKeyHex, parseSignatureHex } from './wire-inputs.js';

/** The body of POST /api/crypto/keys/register after JSON schema validation. */
export interface RegisterInput {
  client_id?: string | null;
  user_id?: string | null;
  public_key?: string | null;
  key_name?: string | null;
  metadata?: Record<string, unknown> | null;
  /** Our extension: proof of possession (spec/http-statements.md §6). */
  proof?: { signature?: string; timestamp?: string; nonce?: string } | null;
}

export interface RegistrationServiceOptions {
  requireProof: boolean;
  statementWindowMs: number;
  now?: () => number;
}

/**
 * Registration and status, free of HTTP. `register` applies WIRE-PROTOCOL.md's checks in their
 * order, then writes the registration and its audit entry in one durable batch.
 *
 * @example
 * const view = await service.register({ public_key: hex }, '127.0.0.1');
 */
export class RegistrationService {
  private readonly now: () => number;

  constructor(
    private readonly changes: DurableChanges,
    private readonly registrations: RegistrationRepository,
    private readonly lastUsed: LastUsedBuffer,
    private readonly options: RegistrationServiceOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Registers `input` from `ip`. `refusal` is a rule of the request schema that the checks here
   * did not catch; it is answered after them, so the documented codes keep their order.
   */
  async register(
    input: RegisterInput,
    ip: string,
    refusal: DataFoldError | null = null,
  ): Promise<RegistrationView> {
    let publicKey;
    let clientId: string;
    let proofNonce: { nonce: string; expiresAt: string } | null;
    try {
      publicKey = parsePublicKeyHex(input.public_key); // checks 1-4
      if (input.client_id !== undefined && input.client_id !== null && input.client_id !== '') {
        assertClientId(input.client_id, 'client_id');
        clientId = input.client_id;
      } else {
        clientId = `client_${randomUUID()}`; // check 5
      }
      proofNonce = this.checkProof(input, clientId, publicKey.hex, publicKey.bytes);
      if (refusal) throw refusal;
    } catch (error) {
      if (isDataFoldError(error)) {
        const sent = typeof input.client_id === 'string' ? input.client_id : null;
        await this.changes.refused(
          { action: 'register', clientId: sent, actor: anonymous(ip) },
          error,
        );
      }
      throw error;
    }
    const at = new Date(this.now()).toISOString();
    const row: RegistrationRow = {
      registration_id: randomUUID(),
      client_id: clientId,
      public_key: publicKey.hex,
      user_id: input.user_id == null ? null : wellFormed(input.user_id),
      key_name: input.key_name == null ? null : wellFormed(input.key_name),
      metadata: input.metadata ? JSON.stringify(input.metadata) : null,
      status: 'active',
      registered_at: at,
      last_used: null,
      status_changed_at: null,
      status_reason: null,
      replaced_by: null,
      proof_verified: proofNonce ? 1 : 0,
    };
    await this.changes.run({
      action: 'register',
      clientId,
      actor: anonymous(ip),
      nonce: proofNonce && { ...proofNonce, replayMessage: 'this proof nonce was already used' },
      // WIRE-PROTOCOL.md register checks 6 and 7, read for the whole batch in one indexed query.
      preload: {
        loader: this.registrations.conflictsLoader,
        item: { clientId, publicKey: publicKey.hex },
      },
      check: async (trx) => {
        const conflicts = await this.registrations.findConflicts(trx, clientId, publicKey.hex);
        if (conflicts.clientActive) {
          return new DataFoldError(
            'CLIENT_ALREADY_REGISTERED',
            'this client already has an active key; rotate or revoke it first',
            { client_id: clientId },
          );
        }
        if (conflicts.keyTaken) {
          return new DataFoldError(
            'DUPLICATE_PUBLIC_KEY',
            'this public key is already registered; generate a new key pair',
          );
        }
        return null;
      },
      write: async (trx) => {
        await this.registrations.insert(trx, row);
        return {
          result: row,
          details: {
            registration_id: row.registration_id,
            public_key: row.public_key,
            fingerprint: keyFingerprint(row.public_key),
            proof: row.proof_verified === 1,
          },
        };
      },
    });
    return toRegistrationView(row);
  }

  /**
   * GET /api/crypto/keys/status/{client_id}: the active registration, else the newest, from the
   * cache verify reads (so both see a revocation at the same moment), with the newest `last_used`.
   */
  async status(clientId: string): Promise<StatusView> {
    assertClientId(clientId, 'client_id');
    const row = await this.registrations.findCurrentCached(clientId);
    if (!row) {
      throw new DataFoldError('CLIENT_NOT_FOUND', 'no registration for this client id', {
        client_id: clientId,
      });
    }
    return toStatusView(row, this.lastUsed.get(row.registration_id));
  }

  /** Proof of possession (spec/http-statements.md §6); null when absent and not required. */
  private checkProof(
    input: RegisterInput,
    clientId: string,
    publicKeyHex: string,
    publicKey: Uint8Array,
  ): { nonce: string; expiresAt: string } | null {
    const proof = input.proof;
    if (proof === undefined || proof === null) {
      if (this.options.requireProof) {
        throw new ValidationError(
          'PROOF_REQUIRED',
          'this server requires a proof of possession: sign the registration statement with the new key',
        );
      }
      return null;
    }
    const timestampMs = parseStatementTimestamp(proof.timestamp);
    assertStatementNonce(proof.nonce);
    const signature = parseSignatureHex(proof.signature, 'proof.signature');
    assertFresh(timestampMs, this.now(), this.options.statementWindowMs);
    // The statement binds the client id the client sent, or '' when the server assigns one.
    const statement = canonicalStatement({
      action: 'register',
      clientId: input.client_id ? clientId : '',
      publicKey: publicKeyHex,
      timestamp: proof.timestamp!,
      nonce: proof.nonce,
    });
    if (!verifyEd25519(signature, statement, publicKey)) {
      throw new ValidationError(
        'INVALID_PROOF',
        'the proof signature does not verify: sign the canonical registration statement with the key being registered',
      );
    }
    return {
      nonce: proof.nonce,
      expiresAt: new Date(timestampMs + this.options.statementWindowMs + 60_000).toISOString(),
    };
  }
}

/** A registration's caller: nobody is authenticated, the address is all the log can name. */
function anonymous(ip: string): ChangeActor {
  return { kind: 'anonymous', source: `ip:${ip}`, actor: `ip:${ip}` };
}
