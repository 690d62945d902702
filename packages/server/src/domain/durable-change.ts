import { DataFoldError, ValidationError } from '@datafold/js-sdk';
import type { Transaction } from 'kysely';
import type { ActivityRecorder } from '../activity/activity-recorder.js';
import type { RefusalAggregator } from '../audit/refusal-aggregator.js';
import type { Database } from '../db/schema.js';
import {
  preloadAll,
  type BatchLoader,
  type Preload,
  type WriteBatcher,
} from '../db/write-batcher.js';
import type { AuditRepository } from '../repositories/audit-repository.js';
import type { NonceRepository } from '../repositories/nonce-repository.js';

/** The overview's name for each change (activity counters, migration 5). */
const ACTIVITY_KIND = {
  register: 'registration',
  revoke: 'revocation',
  rotate: 'rotation',
} as const;

/**
 * Who asks for a change, as the audit log names them: a caller nothing has authenticated (a
 * registration, a signed statement: `ip:…` for refusals, `actor` for the change), or an admin
 * token (`admin:…` for both).
 */
export type ChangeActor =
  { kind: 'anonymous'; source: string; actor: string } | { kind: 'token'; actor: string };

/** A statement nonce the change spends (spec/http-statements.md §4). */
export interface NonceUse {
  nonce: string;
  expiresAt: string;
  /** The message of the 409 REPLAY_DETECTED answer. */
  replayMessage: string;
}

/** What the audit log records of a refused change (the client id may be what the caller sent). */
export interface RefusedChange {
  action: 'register' | 'revoke' | 'rotate';
  clientId: string | null;
  actor: ChangeActor;
}

/** One state change, in the steps every change takes. */
export interface DurableChange<T> {
  action: 'register' | 'revoke' | 'rotate';
  clientId: string;
  actor: ChangeActor;
  /** The verified signer of the request that asked (signed requests), recorded in the audit entry. */
  requestSignedBy?: string | null;
  nonce: NonceUse | null;
  /**
   * Refusals found by reading, after the nonce check and before anything is written (a client
   * already registered, a key taken): answered, not thrown, so the batch the change runs in goes on.
   */
  check?: (trx: Transaction<Database>) => Promise<DataFoldError | null>;
  /** What `check` reads, loaded for the whole batch at once (see BatchLoader). */
  preload?: Preload;
  /** The writes, with the audit entry's details; a throw rolls the change back. */
  write: (trx: Transaction<Database>) => Promise<{ result: T; details: Record<string, unknown> }>;
}

/**
 * Runs state changes durably, the one way registration, revocation and rotation all do:
 *
 * 1. in the write batch, the audit head's lock first (one change at a time across instances),
 *    then what every change of the batch reads (its nonce, its `preload`), in one statement each;
 * 2. a nonce already used: 409 REPLAY_DETECTED (§4); then the change's own checks;
 * 3. the writes, the nonce recorded with them (so a refused change never spends it), and the
 *    audit entry of success, all in one transaction;
 * 4. a refusal is audited by who asked: counted for anonymous callers (refusal-aggregator.ts), one
 *    entry each for an admin token;
 * 5. every committed change and every refusal is counted for the overview (activity-recorder.ts).
 *
 * @example
 * const view = await changes.run({ action: 'revoke', clientId, actor, nonce, write });
 */
export class DurableChanges {
  /**
   * The start of a batch of changes: the lock, then the batch's reads. Only what is read under
   * the lock may be trusted, so this loader is the one place both happen.
   */
  private readonly loader: BatchLoader<DurableChange<unknown>> = {
    preload: async (trx, changes) => {
      await this.audit.lock(trx);
      await preloadAll(trx, [
        ...changes.map((c) =>
          c.nonce
            ? {
                loader: this.nonces.usedLoader,
                item: { clientId: c.clientId, nonce: c.nonce.nonce },
              }
            : null,
        ),
        ...changes.map((c) => c.preload ?? null),
      ]);
    },
  };

  constructor(
    private readonly batcher: WriteBatcher,
    private readonly audit: AuditRepository,
    private readonly nonces: NonceRepository,
    private readonly refusals: RefusalAggregator,
    private readonly activity: ActivityRecorder | null = null,
  ) {}

  async run<T>(change: DurableChange<T>): Promise<T> {
    let outcome: { refused: DataFoldError } | { result: T };
    try {
      outcome = await this.batcher.run(
        async (trx) => {
          await this.audit.lock(trx);
          const refused = (await this.replay(trx, change)) ?? (await change.check?.(trx)) ?? null;
          if (refused) return { refused };
          if (change.nonce) {
            const { nonce, expiresAt, replayMessage } = change.nonce;
            // Checked above under the lock; a concurrent spend can only come from a rerun batch.
            if (!(await this.nonces.consume(trx, change.clientId, nonce, expiresAt))) {
              throw new ValidationError('REPLAY_DETECTED', replayMessage);
            }
          }
          const { result, details } = await change.write(trx);
          await this.audit.append(trx, {
            actor: change.actor.actor,
            action: change.action,
            clientId: change.clientId,
            outcome: 'success',
            details: change.requestSignedBy
              ? { ...details, request_signed_by: change.requestSignedBy }
              : details,
          });
          return { result };
        },
        { loader: this.loader, item: change },
      );
    } catch (error) {
      if (error instanceof DataFoldError) await this.refused(change, error);
      throw error;
    }
    if ('refused' in outcome) {
      await this.refused(change, outcome.refused);
      throw outcome.refused;
    }
    this.activity?.record(ACTIVITY_KIND[change.action], 'ok');
    return outcome.result;
  }

  /**
   * Audits a change refused before it reached the batch, or in it: counted for an anonymous
   * caller, one entry for an admin token.
   */
  async refused(change: RefusedChange, error: DataFoldError): Promise<void> {
    const { actor } = change;
    this.activity?.record(ACTIVITY_KIND[change.action], 'failed', change.clientId);
    if (actor.kind === 'anonymous') {
      this.refusals.record({
        source: actor.source,
        action: change.action,
        code: error.code,
        clientId: change.clientId,
      });
      return;
    }
    await this.batcher.run(async (trx) => {
      await this.audit.lock(trx);
      await this.audit.append(trx, {
        actor: actor.actor,
        action: change.action,
        clientId: change.clientId,
        outcome: `failure:${error.code}`,
      });
    });
  }

  private async replay(
    trx: Transaction<Database>,
    change: DurableChange<unknown>,
  ): Promise<DataFoldError | null> {
    if (!change.nonce) return null;
    const used = await this.nonces.isUsed(trx, change.clientId, change.nonce.nonce);
    return used ? new ValidationError('REPLAY_DETECTED', change.nonce.replayMessage) : null;
  }
}
