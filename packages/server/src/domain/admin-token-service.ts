import { randomUUID } from 'node:crypto';
import { DataFoldError, ValidationError } from '@datafold/js-sdk';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { WriteBatcher } from '../db/write-batcher.js';
import type { AuditRepository } from '../repositories/audit-repository.js';
import type {
  AdminTokenRow,
  AdminTokenStatus,
  TokenRepository,
} from '../repositories/token-repository.js';
import {
  hashToken,
  newTokenSecret,
  parseTokenId,
  parseTokenLabel,
  parseTokenRole,
  parseTokenTtl,
  type AdminRole,
} from './admin-tokens.js';
import { LastUsedBuffer } from './last-used-buffer.js';

/**
 * Who creates or revokes a token: an operator on the server host (the CLI, directly or through
 * the control socket), or an admin token through the API.
 */
export type TokenActor = { kind: 'operator' } | { kind: 'token'; tokenId: string };

/** A token as listed: never its secret nor its hash. Field names are the wire's. */
export interface TokenView {
  token_id: string;
  role: AdminRole;
  label: string | null;
  status: AdminTokenStatus;
  created_at: string;
  /** Null: never expires. */
  expires_at: string | null;
  revoked_at: string | null;
  last_used: string | null;
  parent_token_id: string | null;
}

/** A new token: its view and, this once, the token itself. */
export type CreatedToken = TokenView & { token: string };

/** What a revocation did: `revoked_token_ids` is empty when the token was already revoked. */
export interface TokenRevocation {
  token_id: string;
  revoked_at: string;
  /** The token and every token it made, directly or not, that this call revoked. */
  revoked_token_ids: string[];
}

/** A request's token, once authenticated. */
export interface AuthenticatedToken {
  tokenId: string;
  role: AdminRole;
}

/** What `create` takes, unchecked: from CLI flags, the control socket or a request body. */
export interface TokenRequest {
  role: unknown;
  label?: unknown;
  /** `90d`, `12h`, `never`; absent means the default TTL. */
  ttl?: unknown;
}

const MAX_PAGE = 500;

function badCursor(): never {
  throw new ValidationError('INVALID_REQUEST', 'cursor is not one this server issued');
}

function decodeCursor(cursor: string): [string, string] {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return badCursor();
  }
  if (!Array.isArray(parts) || parts.length !== 2 || !parts.every((p) => typeof p === 'string')) {
    return badCursor();
  }
  return [parts[0] as string, parts[1] as string];
}

function actorName(actor: TokenActor): string {
  return actor.kind === 'operator' ? 'operator:local' : `admin:${actor.tokenId}`;
}

function unauthorized(message: string): DataFoldError {
  return new DataFoldError('UNAUTHORIZED', message);
}

/**
 * The admin token lifecycle, after Vault's tokens: each token has a TTL (expiry is enforced on
 * every request), can be revoked, and revoking one revokes every token it made through the API,
 * which cannot outlive it either. So a leaked admin token cannot leave itself a successor: the
 * revocation that ends it ends whatever it created. Creation and revocation are audited in the
 * same transaction as the change (actor `admin:<token id>`, or `operator:local` for the CLI);
 * the token itself never reaches the log or the database, only its SHA-256.
 *
 * Authentication reads the database on every request, so a revocation or an expiry holds at once
 * on every instance; `last_used` is written behind, never on the request path.
 *
 * @example
 * const created = await tokens.create({ role: 'auditor', ttl: '30d' }, { kind: 'operator' });
 * await tokens.revoke(created.token_id, { kind: 'operator' });
 */
export class AdminTokenService {
  private readonly usage: LastUsedBuffer;

  constructor(
    private readonly batcher: WriteBatcher,
    private readonly audit: AuditRepository,
    private readonly tokens: TokenRepository,
    private readonly now: () => number = Date.now,
  ) {
    this.usage = new LastUsedBuffer(batcher, tokens);
  }

  async authenticate(
    header: string | undefined,
    allowed: readonly AdminRole[],
  ): Promise<AuthenticatedToken> {
    const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header ?? '');
    const row = match ? await this.tokens.findByHash(hashToken(match[1]!)) : undefined;
    if (!row) {
      throw unauthorized(
        'send a valid token as Authorization: Bearer <token> (create one with datafold-server token create)',
      );
    }
    const now = new Date(this.now()).toISOString();
    // Saying which helps whoever holds the token find out why; it tells nothing to anyone else.
    if (row.revoked_at !== null) throw unauthorized('this token was revoked; ask for a new one');
    if (row.expires_at !== null && row.expires_at <= now) {
      throw unauthorized('this token has expired; ask for a new one');
    }
    this.usage.touch(row.token_id, now);
    if (!allowed.includes(row.role)) {
      throw new DataFoldError(
        'FORBIDDEN',
        `this route needs a token with role ${allowed.join(' or ')}`,
        { role: row.role },
      );
    }
    return { tokenId: row.token_id, role: row.role };
  }

  async create(request: TokenRequest, actor: TokenActor): Promise<CreatedToken> {
    const role = parseTokenRole(request.role, 'role');
    const label = parseTokenLabel(request.label, 'label');
    const ttlMs = parseTokenTtl(request.ttl, 'ttl');
    const token = newTokenSecret();
    const nowMs = this.now();
    let row: AdminTokenRow = {
      token_id: randomUUID(),
      token_hash: hashToken(token),
      role,
      label,
      created_at: new Date(nowMs).toISOString(),
      expires_at: ttlMs === null ? null : new Date(nowMs + ttlMs).toISOString(),
      revoked_at: null,
      last_used: null,
      parent_token_id: actor.kind === 'token' ? actor.tokenId : null,
    };
    await this.batcher.run(async (trx) => {
      await this.audit.lock(trx);
      if (actor.kind === 'token') row = await this.boundByParent(trx, row, actor.tokenId);
      await this.tokens.insert(trx, row);
      await this.audit.append(trx, {
        actor: actorName(actor),
        action: 'token.create',
        clientId: null,
        outcome: 'success',
        details: {
          token_id: row.token_id,
          role,
          label,
          expires_at: row.expires_at,
          parent_token_id: row.parent_token_id,
        },
      });
    });
    return { ...this.view(row, row.created_at), token };
  }

  /**
   * A child expires no later than its parent. Read under the audit lock, which a revocation
   * also takes: either the revocation saw this child, or this sees the revoked parent.
   */
  private async boundByParent(
    trx: Transaction<Database>,
    row: AdminTokenRow,
    parentId: string,
  ): Promise<AdminTokenRow> {
    const parent = await this.tokens.findById(parentId, trx);
    if (!parent || parent.revoked_at !== null) {
      throw unauthorized('this token was revoked; ask for a new one');
    }
    const bound = parent.expires_at;
    if (bound !== null && bound <= row.created_at) {
      throw unauthorized('this token has expired; ask for a new one');
    }
    if (bound === null || (row.expires_at !== null && row.expires_at <= bound)) return row;
    return { ...row, expires_at: bound };
  }

  async revoke(tokenIdInput: unknown, actor: TokenActor): Promise<TokenRevocation> {
    const tokenId = parseTokenId(tokenIdInput, 'token_id');
    const at = new Date(this.now()).toISOString();
    try {
      return await this.batcher.run(async (trx) => {
        await this.audit.lock(trx);
        const row = await this.tokens.findById(tokenId, trx);
        if (!row) {
          throw new DataFoldError('TOKEN_NOT_FOUND', 'no admin token has this id', {
            token_id: tokenId,
          });
        }
        if (row.revoked_at !== null) {
          return { token_id: tokenId, revoked_at: row.revoked_at, revoked_token_ids: [] };
        }
        const revoked = [row, ...(await this.tokens.liveDescendants(trx, tokenId))];
        await this.tokens.revoke(
          trx,
          revoked.map((r) => r.token_id),
          at,
        );
        for (const r of revoked) {
          await this.audit.append(trx, {
            actor: actorName(actor),
            action: 'token.revoke',
            clientId: null,
            outcome: 'success',
            details: {
              token_id: r.token_id,
              role: r.role,
              label: r.label,
              ...(r.token_id === tokenId ? {} : { cascade_from: tokenId }),
            },
          });
        }
        return {
          token_id: tokenId,
          revoked_at: at,
          revoked_token_ids: revoked.map((r) => r.token_id),
        };
      });
    } catch (error) {
      // A refused revocation is worth knowing about too (someone guessing at ids), as a refused
      // key revocation is; its only input is a checked UUID.
      if (error instanceof DataFoldError && error.code === 'TOKEN_NOT_FOUND') {
        await this.batcher.run(async (trx) => {
          await this.audit.lock(trx);
          await this.audit.append(trx, {
            actor: actorName(actor),
            action: 'token.revoke',
            clientId: null,
            outcome: `failure:${error.code}`,
            details: { token_id: tokenId },
          });
        });
      }
      throw error;
    }
  }

  /**
   * One page of tokens, oldest first, optionally of one status; `cursor` is a previous page's
   * `next_cursor`.
   */
  async list(query: {
    status: AdminTokenStatus | null;
    cursor: string | null;
    limit: number;
  }): Promise<{ items: TokenView[]; next_cursor: string | null }> {
    const now = new Date(this.now()).toISOString();
    const rows = await this.tokens.page({
      status: query.status,
      now,
      after: query.cursor === null ? null : decodeCursor(query.cursor),
      limit: query.limit,
    });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    const next =
      rows.length > query.limit && last
        ? Buffer.from(JSON.stringify([last.created_at, last.token_id])).toString('base64url')
        : null;
    return { items: items.map((r) => this.view(r, now)), next_cursor: next };
  }

  /** Every token of one status (or all), for the CLI: a listing of a few hundred rows at most. */
  async listAll(status: AdminTokenStatus | null): Promise<TokenView[]> {
    const all: TokenView[] = [];
    let cursor: string | null = null;
    do {
      const page = await this.list({ status, cursor, limit: MAX_PAGE });
      all.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor !== null);
    return all;
  }

  /** Writes the buffered `last_used` times; the app calls it every flush interval and at close. */
  flushUsage(): Promise<void> {
    return this.usage.flush();
  }

  private view(row: AdminTokenRow, now: string): TokenView {
    const pending = this.usage.get(row.token_id);
    const lastUsed =
      pending !== undefined && (row.last_used === null || pending > row.last_used)
        ? pending
        : row.last_used;
    let status: AdminTokenStatus = 'active';
    if (row.revoked_at !== null) status = 'revoked';
    else if (row.expires_at !== null && row.expires_at <= now) status = 'expired';
    return {
      token_id: row.token_id,
      role: row.role,
      label: row.label,
      status,
      created_at: row.created_at,
      expires_at: row.expires_at,
      revoked_at: row.revoked_at,
      last_used: lastUsed,
      parent_token_id: row.parent_token_id,
    };
  }
}
