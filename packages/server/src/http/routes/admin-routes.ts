import { ValidationError } from '@datafold/js-sdk';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import { authenticateAdmin, type AdminRole } from '../../domain/admin-tokens.js';
import type { RegistrationStatus } from '../../db/schema.js';
import { RegistrationListing } from '../../repositories/registration-listing.js';
import type { RegistrationRow } from '../../repositories/registration-repository.js';
import type { AuditRow } from '../../repositories/audit-repository.js';
import {
  adminRegistrationData,
  auditEntryData,
  clientIdFilter,
  clientIdParams,
  pageData,
  pageLimit,
  responses,
  revocationData,
  searchText,
} from '../schemas.js';

const READERS: readonly AdminRole[] = ['admin', 'auditor'];
const STATUSES = ['active', 'revoked', 'superseded'];

function badCursor(): never {
  throw new ValidationError('INVALID_REQUEST', 'cursor is not one this server issued');
}

function adminView(row: RegistrationRow) {
  return {
    registration_id: row.registration_id,
    client_id: row.client_id,
    public_key: row.public_key,
    key_name: row.key_name,
    registered_at: row.registered_at,
    status: row.status,
    user_id: row.user_id,
    metadata: row.metadata ? (JSON.parse(row.metadata) as Record<string, unknown>) : null,
    last_used: row.last_used,
    status_changed_at: row.status_changed_at,
    status_reason: row.status_reason,
    replaced_by: row.replaced_by,
    proof_verified: row.proof_verified === 1,
  };
}

function auditView(row: AuditRow) {
  return { ...row, details: JSON.parse(row.details) as Record<string, unknown> };
}

const pageQuery = {
  type: 'object',
  properties: {
    limit: pageLimit,
    cursor: {
      type: 'string',
      maxLength: 512,
      pattern: '^[A-Za-z0-9_-]*$',
      description: 'the next_cursor of the previous page, as given',
    },
    status: { type: 'string', enum: STATUSES },
    search: searchText,
    client_id: clientIdFilter,
  },
} as const;

const auditPageQuery = {
  type: 'object',
  properties: {
    limit: pageLimit,
    cursor: {
      type: 'string',
      pattern: '^[0-9]{1,15}$',
      description: 'the next_cursor of the previous page (a sequence number)',
    },
    client_id: clientIdFilter,
  },
} as const;

function limitOf(raw: string | undefined): number {
  const n = raw === undefined ? 50 : Number(raw);
  if (n < 1 || n > 500) throw new ValidationError('INVALID_REQUEST', 'limit must be 1 to 500');
  return n;
}

interface PageQuery {
  limit?: string;
  cursor?: string;
  status?: RegistrationStatus;
  search?: string;
  client_id?: string;
}

/**
 * Token-authenticated admin routes: list and search registrations, read the audit log
 * (admin or auditor), and revoke any client's key (admin). Every admin action is audited.
 *
 * @example
 * app.register((scope) => adminRoutes(scope, context));
 */
export function adminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const security = [{ bearer: [] }];
  const listing = new RegistrationListing(ctx.database.db, ctx.database.dialect);

  app.get<{ Querystring: PageQuery }>(
    '/api/admin/registrations',
    {
      schema: {
        tags: ['admin'],
        summary:
          'List and search registrations (cursor pagination, status filter; search: exact public key, client id prefix, key name)',
        security,
        querystring: pageQuery,
        response: responses(200, pageData(adminRegistrationData), [400, 401, 403, 429, 500]),
      },
    },
    async (request) => {
      await authenticateAdmin(ctx.tokens, request.headers.authorization, READERS);
      const page = await listing.page({
        status: request.query.status ?? null,
        search: request.query.search ?? null,
        cursor: request.query.cursor ?? null,
        limit: limitOf(request.query.limit),
      });
      return {
        success: true,
        data: { items: page.items.map(adminView), next_cursor: page.nextCursor },
      };
    },
  );

  app.get<{ Querystring: PageQuery }>(
    '/api/admin/audit',
    {
      schema: {
        tags: ['admin'],
        summary: 'Read the audit log, oldest first (cursor pagination)',
        security,
        querystring: auditPageQuery,
        response: responses(200, pageData(auditEntryData), [400, 401, 403, 429, 500]),
      },
    },
    async (request) => {
      await authenticateAdmin(ctx.tokens, request.headers.authorization, READERS);
      const limit = limitOf(request.query.limit);
      const cursor = request.query.cursor;
      if (cursor !== undefined && !/^\d{1,15}$/.test(cursor)) badCursor();
      const rows = await ctx.audit.page(
        Number(cursor ?? 0),
        limit + 1,
        request.query.client_id ?? null,
      );
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      const next = rows.length > limit && last ? String(last.seq) : null;
      return { success: true, data: { items: items.map(auditView), next_cursor: next } };
    },
  );

  app.post<{ Params: { client_id: string }; Body: { reason?: string | null } | undefined }>(
    '/api/admin/registrations/:client_id/revoke',
    {
      schema: {
        tags: ['admin'],
        summary: "Revoke any client's active key",
        security,
        params: clientIdParams,
        body: { type: ['object', 'null'], properties: { reason: { type: ['string', 'null'] } } },
        response: responses(200, revocationData, [400, 401, 403, 404, 429, 500]),
      },
    },
    async (request) => {
      const { tokenId } = await authenticateAdmin(ctx.tokens, request.headers.authorization, [
        'admin',
      ]);
      const data = await ctx.lifecycle.revoke(
        { client_id: request.params.client_id, reason: request.body?.reason ?? null },
        { kind: 'admin', tokenId },
      );
      return { success: true, data };
    },
  );
}
