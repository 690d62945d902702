import type { FastifyInstance } from 'fastify';
import { READERS } from '../admin-auth.js';
import { DEFAULT_PAGE_LIMIT } from '../../domain/admin-reads.js';
import {
  adminRegistrationData,
  auditEntryData,
  clientIdFilter,
  clientIdParams,
  pageData,
  pageLimit,
  responses,
} from '../schemas.js';

const sessionData = {
  type: 'object',
  required: ['role', 'token_id'],
  properties: {
    role: { type: 'string', enum: ['admin', 'auditor'] },
    token_id: { type: 'string' },
  },
} as const;

const clientData = {
  type: 'object',
  required: ['client_id', 'registrations'],
  properties: {
    client_id: { type: 'string' },
    registrations: { type: 'array', items: adminRegistrationData },
  },
} as const;

const chainData = {
  type: 'object',
  required: [
    'intact',
    'entries',
    'head_hash',
    'broken_at_seq',
    'problem',
    'breaks',
    'break_count',
    'checked_at',
    'full_check_at',
  ],
  properties: {
    intact: { type: 'boolean' },
    checked_at: { type: 'string' },
    full_check_at: { type: 'string' },
    entries: { type: 'integer' },
    head_hash: { type: ['string', 'null'] },
    broken_at_seq: { type: ['integer', 'null'], description: 'the first break, as in `breaks`' },
    problem: { type: ['string', 'null'] },
    breaks: {
      type: 'array',
      description: 'every break, oldest first (the first 100)',
      items: {
        type: 'object',
        required: ['seq', 'last_seq', 'problem'],
        properties: {
          seq: { type: 'integer' },
          last_seq: { type: 'integer' },
          problem: { type: 'string' },
        },
      },
    },
    break_count: { type: 'integer' },
  },
} as const;

const recentQuery = {
  type: 'object',
  properties: {
    limit: pageLimit,
    cursor: { type: 'string', pattern: '^[0-9]{1,15}$' },
    client_id: clientIdFilter,
    action: {
      type: 'string',
      pattern: '^[a-z_.]{1,64}$',
      description: 'an audit action, e.g. revoke',
    },
  },
} as const;

interface RecentQuery {
  limit?: string;
  cursor?: string;
  client_id?: string;
  action?: string;
}

/**
 * Admin reads for the dashboard: who a token is (so a bad token is refused at sign-in), one
 * client's key history, the audit log newest first (filter by client and action), and the audit
 * chain's verification state. Admin or auditor tokens; nothing here changes state.
 *
 * @example
 * await app.register(adminDashboardRoutes);
 */
export async function adminDashboardRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.datafold;
  const security = [{ bearer: [] }];

  app.get(
    '/api/admin/session',
    {
      schema: {
        tags: ['admin'],
        summary: "The role of the presented token (the dashboard's sign-in check)",
        security,
        response: responses(200, sessionData, [401, 403, 429, 500]),
      },
      config: { admin: READERS },
    },
    (request) => ({
      success: true,
      data: { role: request.admin!.role, token_id: request.admin!.tokenId },
    }),
  );

  app.get<{ Params: { client_id: string } }>(
    '/api/admin/clients/:client_id',
    {
      schema: {
        tags: ['admin'],
        summary: "A client's registrations, oldest first: its key history",
        security,
        params: clientIdParams,
        response: responses(200, clientData, [400, 401, 403, 404, 429, 500]),
      },
      config: { admin: READERS },
    },
    async (request) => ({
      success: true,
      data: await ctx.adminReads.clientHistory(request.params.client_id),
    }),
  );

  app.get<{ Querystring: RecentQuery }>(
    '/api/admin/audit/recent',
    {
      schema: {
        tags: ['admin'],
        summary: 'Read the audit log, newest first; filter by client and action',
        security,
        querystring: recentQuery,
        response: responses(200, pageData(auditEntryData), [400, 401, 403, 429, 500]),
      },
      config: { admin: READERS },
    },
    async (request) => ({
      success: true,
      data: await ctx.adminReads.auditNewestFirst({
        cursor: request.query.cursor ?? null,
        limit: Number(request.query.limit ?? DEFAULT_PAGE_LIMIT),
        clientId: request.query.client_id ?? null,
        action: request.query.action ?? null,
      }),
    }),
  );

  app.get(
    '/api/admin/audit/chain',
    {
      schema: {
        tags: ['admin'],
        summary:
          'The audit hash chain: intact, or every break (new entries checked on each call, the whole log every 10 minutes)',
        security,
        response: responses(200, chainData, [401, 403, 429, 500]),
      },
      config: { admin: READERS },
    },
    async () => ({ success: true, data: await ctx.adminReads.chainState() }),
  );
}
