import type { FastifyInstance } from 'fastify';
import { ADMINS, READERS } from '../admin-auth.js';
import { DEFAULT_PAGE_LIMIT } from '../../domain/admin-reads.js';
import type { RegistrationStatus } from '../../db/schema.js';
import { DEFAULT_SORT, SORT_VALUES } from '../../repositories/registration-sort.js';
import {
  adminRegistrationData,
  auditEntryData,
  clientIdFilter,
  clientIdParams,
  pageData,
  pageLimit,
  responses,
  reasonText,
  revocationData,
  searchText,
} from '../schemas.js';

const STATUSES = ['active', 'revoked', 'superseded'];

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
    sort: {
      type: 'string',
      enum: SORT_VALUES,
      description: `order of the listing without search: a column, descending with a leading "-"; ties by registration. Default ${DEFAULT_SORT}; with a cursor, the cursor's. Null key names and last uses come last either way`,
    },
    older_than_days: {
      type: 'string',
      pattern: '^(?:0|[1-9][0-9]{0,4})$',
      description: 'only active keys registered more than this many days ago (0 to 99999)',
    },
    never_used: {
      type: 'string',
      enum: ['true', 'false'],
      description: 'true: only keys never used (last_used null)',
    },
    rotation: {
      type: 'string',
      enum: ['due', 'overdue'],
      description:
        'only active keys whose rotation_due_at has passed (overdue) or comes within 7 days (due)',
    },
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

interface PageQuery {
  limit?: string;
  cursor?: string;
  status?: RegistrationStatus;
  search?: string;
  client_id?: string;
  sort?: string;
  older_than_days?: string;
  never_used?: 'true' | 'false';
  rotation?: 'due' | 'overdue';
}

/**
 * Token-authenticated admin routes: list and search registrations, read the audit log
 * (admin or auditor), and revoke any client's key (admin). Every admin action is audited.
 *
 * @example
 * await app.register(adminRoutes);
 */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.datafold;
  const security = [{ bearer: [] }];

  app.get<{ Querystring: PageQuery }>(
    '/api/admin/registrations',
    {
      schema: {
        tags: ['admin'],
        summary:
          'List and search registrations (cursor pagination; sort by any column, newest first by default; filters: status, older_than_days, never_used; search: exact public key, client id prefix, key name)',
        security,
        querystring: pageQuery,
        response: responses(200, pageData(adminRegistrationData), [400, 401, 403, 429, 500]),
      },
      config: { admin: READERS },
    },
    async (request) => ({
      success: true,
      data: await ctx.adminReads.registrations({
        status: request.query.status ?? null,
        search: request.query.search ?? null,
        sort: request.query.sort ?? null,
        olderThanDays:
          request.query.older_than_days === undefined
            ? null
            : Number(request.query.older_than_days),
        neverUsed: request.query.never_used === 'true',
        rotation: request.query.rotation ?? null,
        cursor: request.query.cursor ?? null,
        limit: Number(request.query.limit ?? DEFAULT_PAGE_LIMIT),
      }),
    }),
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
      config: { admin: READERS },
    },
    async (request) => ({
      success: true,
      data: await ctx.adminReads.auditOldestFirst({
        cursor: request.query.cursor ?? null,
        limit: Number(request.query.limit ?? DEFAULT_PAGE_LIMIT),
        clientId: request.query.client_id ?? null,
      }),
    }),
  );

  app.post<{ Params: { client_id: string }; Body: { reason?: string | null } | undefined }>(
    '/api/admin/registrations/:client_id/revoke',
    {
      schema: {
        tags: ['admin'],
        summary: "Revoke any client's active key",
        security,
        params: clientIdParams,
        body: { type: ['object', 'null'], properties: { reason: reasonText } },
        response: responses(200, revocationData, [400, 401, 403, 404, 413, 429, 500]),
      },
      config: { admin: ADMINS },
    },
    async (request) => {
      const data = await ctx.lifecycle.revoke(
        { client_id: request.params.client_id, reason: request.body?.reason ?? null },
        { kind: 'admin', tokenId: request.admin!.tokenId },
      );
      return { success: true, data };
    },
  );
}
