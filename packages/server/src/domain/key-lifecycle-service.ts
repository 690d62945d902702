import { randomUUID } from 'node:crypto';
import {
  assertClientId,
  assertStatementNonce,
  canonicalStatement,
  DataFoldError,
  keyFingerprint,
  parseStatementReason,
  parseStatementTimestamp,
  ValidationError,
} from '@datafold/js-sdk';
import type {
  RegistrationRepository,
  RegistrationRow,
} from '../repositories/registration-repository.js';
import type { ChangeActor, DurableChanges } from './durable-change.js';
import { verifyEd25519 } from './ed25519.js';
import { assertFresh } from './statement-freshness.js';
import { parsePublicKeyHex, parseSignatureHex } from './wire-inputs.js';

/**
 * Who asks: the key itself through a signed statement (from `ip`), or an admin token. A refused
 * statement is anonymous (nothing proved who sent it) and is counted, not written one row each.
 */
export type LifecycleAuthority =
  | {
      kind: 'statement';
      ip: string;
      /** The verified signer of the request (`--require-signed-requests`), for the audit entry. */
      requestSignedBy?: string;
    }
  | { kind: 'admin'; tokenId: string };

/** The body of the revoke and rotate routes after schema validation. */
export interface LifecycleInput {
  client_id?: string | null;
  new_public_key?: string | null;
  reason?: string | null;
  timestamp?: string | null;
  nonce?: string | null;
  signature?: string | null;
  new_key_signature?: string | null;
}

/** The `data` of a revocation. */
export interface RevocationView {
  client_id: string;
  registration_id: string;
  public_key: string;
  /** spec/key-fingerprint-v1.md: the revoked key's fingerprint. */
  fingerprint: string;
  status: 'revoked';
  revoked_at: string;
  reason: string | null;
}

/** The `data` of a rotation: the new registration, and the one it superseded. */
export interface RotationView {
  client_id: string;
  registration_id: string;
  public_key: string;
  /** spec/key-fingerprint-v1.md: the new key's fingerprint, and the superseded key's. */
  fingerprint: string;
  status: 'active';
  registered_at: string;
  previous_registration_id: string;
  previous_public_key: string;
  previous_fingerprint: string;
}

/**
 * Revocation and rotation (spec/http-statements.md). Checks run in a fixed order: field formats
 * (400), statement freshness (401), the client and its active key (404, 403), the signature
 * (401), then, inside the durable batch, the nonce (409 replay) and the new key's uniqueness
 * (409). A rotation supersedes the old registration and inserts the new one atomically, under the
 * same client id; both records keep their history.
 *
 * @example
 * await lifecycle.revoke(body, { kind: 'statement', ip: request.ip });
 */
export class KeyLifecycleService {
  private readonly now: () => number;

  constructor(
    private readonly changes: DurableChanges,
    private readonly registrations: RegistrationRepository,
    private readonly options: {
      requireProof: boolean;
      statementWindowMs: number;
      now?: () => number;
    },
  ) {
    this.now = options.now ?? Date.now;
  }

  /**
   * `refusal`, in both operations, is a rule of the request schema that the checks here did not
   * catch; it is answered after the field checks, so the documented codes keep their order.
   */
  async revoke(
    input: LifecycleInput,
    authority: LifecycleAuthority,
    refusal: DataFoldError | null = null,
  ): Promise<RevocationView> {
    const checked = await this.refusedIfThrows('revoke', input, authority, () =>
      this.check('revoke', input, authority, refusal),
    );
    const at = new Date(this.now()).toISOString();
    const { current, reason, clientId } = checked;
    await this.changes.run({
      ...this.change('revoke', checked, authority),
      write: async (trx) => {
        const ended = await this.registrations.endActive(trx, clientId, current.registration_id, {
          status: 'revoked',
          at,
          reason: reason || null,
          replacedBy: null,
        });
        if (!ended) throw notActive(clientId);
        return {
          result: null,
          details: {
            registration_id: current.registration_id,
            public_key: current.public_key,
            fingerprint: keyFingerprint(current.public_key),
            reason: reason || null,
          },
        };
      },
    });
    return {
      client_id: clientId,
      registration_id: current.registration_id,
      public_key: current.public_key,
      fingerprint: keyFingerprint(current.public_key),
      status: 'revoked',
      revoked_at: at,
      reason: reason || null,
    };
  }

  async rotate(
    input: LifecycleInput,
    authority: LifecycleAuthority,
    refusal: DataFoldError | null = null,
  ): Promise<RotationView> {
    const checked = await this.refusedIfThrows('rotate', input, authority, () =>
      this.check('rotate', input, authority, refusal),
    );
    const at = new Date(this.now()).toISOString();
    const { current, reason, clientId, newKey } = checked;
    const next: RegistrationRow = {
      ...current,
      registration_id: randomUUID(),
      public_key: newKey!,
      status: 'active',
      registered_at: at,
      last_used: null,
      status_changed_at: null,
      status_reason: null,
      replaced_by: null,
      proof_verified: checked.newKeyProven ? 1 : 0,
    };
    await this.changes.run({
      ...this.change('rotate', checked, authority),
      check: async (trx) =>
        (await this.registrations.publicKeyExists(trx, next.public_key))
          ? new DataFoldError(
              'DUPLICATE_PUBLIC_KEY',
              'the new public key is already registered; generate a new key pair',
            )
          : null,
      write: async (trx) => {
        const ended = await this.registrations.endActive(trx, clientId, current.registration_id, {
          status: 'superseded',
          at,
          reason: reason || null,
          replacedBy: next.registration_id,
        });
        if (!ended) throw notActive(clientId);
        await this.registrations.insert(trx, next);
        return {
          result: null,
          details: {
            previous_registration_id: current.registration_id,
            previous_public_key: current.public_key,
            previous_fingerprint: keyFingerprint(current.public_key),
            registration_id: next.registration_id,
            public_key: next.public_key,
            fingerprint: keyFingerprint(next.public_key),
            reason: reason || null,
          },
        };
      },
    });
    return {
      client_id: clientId,
      registration_id: next.registration_id,
      public_key: next.public_key,
      fingerprint: keyFingerprint(next.public_key),
      status: 'active',
      registered_at: at,
      previous_registration_id: current.registration_id,
      previous_public_key: current.public_key,
      previous_fingerprint: keyFingerprint(current.public_key),
    };
  }

  private async check(
    action: 'revoke' | 'rotate',
    input: LifecycleInput,
    authority: LifecycleAuthority,
    refusal: DataFoldError | null,
  ) {
    assertClientId(input.client_id, 'client_id');
    const clientId = input.client_id;
    const newKey =
      action === 'rotate' ? parsePublicKeyHex(input.new_public_key, 'new_public_key') : null;
    const reason = parseStatementReason(input.reason);
    const bySignature = authority.kind === 'statement';
    if (newKey && !input.new_key_signature && this.options.requireProof) {
      throw new ValidationError(
        'PROOF_REQUIRED',
        'this server requires new_key_signature: the rotation statement signed by the new key',
      );
    }
    // A statement (timestamp, nonce) is needed when something signs it: the active key, or the
    // new key's proof of possession, which an admin rotation may carry too.
    const signed = bySignature || (newKey !== null && Boolean(input.new_key_signature));
    let timestampMs = 0;
    let signature: Buffer | null = null;
    let newKeySignature: Buffer | null = null;
    if (signed) {
      timestampMs = parseStatementTimestamp(input.timestamp);
      assertStatementNonce(input.nonce);
    }
    if (bySignature) signature = parseSignatureHex(input.signature);
    if (newKey && input.new_key_signature) {
      newKeySignature = parseSignatureHex(input.new_key_signature, 'new_key_signature');
    }
    if (refusal) throw refusal;
    if (signed) assertFresh(timestampMs, this.now(), this.options.statementWindowMs);

    const current = await this.registrations.findCurrent(clientId);
    if (!current) {
      throw new DataFoldError('CLIENT_NOT_FOUND', 'no registration for this client id', {
        client_id: clientId,
      });
    }
    if (current.status !== 'active') throw notActive(clientId, current.status);

    const statement = canonicalStatement({
      action,
      clientId,
      publicKey: current.public_key,
      ...(newKey ? { newPublicKey: newKey.hex } : {}),
      reason,
      timestamp: input.timestamp ?? '',
      nonce: input.nonce ?? '',
    });
    if (signature && !verifyEd25519(signature, statement, Buffer.from(current.public_key, 'hex'))) {
      throw new DataFoldError(
        'SIGNATURE_VERIFICATION_FAILED',
        `the ${action} statement's signature does not verify with the client's active key`,
        { client_id: clientId },
      );
    }
    if (newKey && newKeySignature) {
      if (!verifyEd25519(newKeySignature, statement, newKey.bytes)) {
        throw new ValidationError(
          'INVALID_PROOF',
          'new_key_signature does not verify: sign the same rotation statement with the new key',
        );
      }
    }
    return {
      clientId,
      current,
      reason,
      newKey: newKey?.hex ?? null,
      newKeyProven: newKeySignature !== null,
      nonce: signed
        ? {
            nonce: input.nonce!,
            expiresAt: new Date(
              timestampMs + this.options.statementWindowMs + 60_000,
            ).toISOString(),
          }
        : null,
    };
  }

  /** Who asks and which nonce the change spends, as DurableChanges takes them. */
  private change(
    action: 'revoke' | 'rotate',
    checked: { clientId: string; nonce: { nonce: string; expiresAt: string } | null },
    authority: LifecycleAuthority,
  ) {
    return {
      action,
      clientId: checked.clientId,
      actor: actorOf(authority, checked.clientId),
      requestSignedBy: authority.kind === 'statement' ? (authority.requestSignedBy ?? null) : null,
      nonce: checked.nonce && {
        ...checked.nonce,
        replayMessage: 'this statement nonce was already used for this client',
      },
    };
  }

  /** Runs the checks before any write; a statement they refuse is counted as a refusal. */
  private async refusedIfThrows<T>(
    action: 'revoke' | 'rotate',
    input: LifecycleInput,
    authority: LifecycleAuthority,
    checks: () => Promise<T>,
  ): Promise<T> {
    try {
      return await checks();
    } catch (error) {
      if (error instanceof DataFoldError && authority.kind === 'statement') {
        const clientId = typeof input.client_id === 'string' ? input.client_id : null;
        await this.changes.refused({ action, clientId, actor: actorOf(authority, '') }, error);
      }
      throw error;
    }
  }
}

function notActive(clientId: string, status = 'no longer active'): DataFoldError {
  return new DataFoldError('KEY_NOT_ACTIVE', `this client's key is ${status}`, {
    client_id: clientId,
  });
}

/**
 * The audit log's names for who asks: an admin token by its id; a statement by the client it
 * speaks for when the change is made, by its address when it is refused (nothing proved it).
 */
function actorOf(authority: LifecycleAuthority, clientId: string): ChangeActor {
  return authority.kind === 'admin'
    ? { kind: 'token', actor: `admin:${authority.tokenId}` }
    : { kind: 'anonymous', source: `ip:${authority.ip}`, actor: `client:${clientId}` };
}
