import { DataFoldError, ValidationError } from '@datafold/js-sdk';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import { authenticateAdmin, type AdminRole } from '../../domain/admin-tokens.js';
import { AdminReadRepository } from '../../repositories/admin-read-repository.js';
import type { AuditRow } from '../../repositories/audit-repository.js';
import type { RegistrationRow } from '../../repositories/registration-repository.js';
import {
  adminRegistrationData,
  auditEntryData,
  clientIdFilter,
  clientIdParams,
  pageData,
  pageLimit,
  responses,
} from '../schemas.js';

const READERS: readonly AdminRole[] = ['admin', 'auditor'];

function registrationView(row: RegistrationRow) {
  return {
    ...row,
    metadata: row.metadata ? (JSON.parse(row.metadata) as Record<string, unknown>) : null,
    proof_verified: row.proof_verified === 1,
  };
}

function auditView(row: AuditRow) {
  return { ...row, details: JSON.parse(row.details) as Record<string, unknown> };
}

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
 * adminDashboardRoutes(app, context);
 */
export function adminDashboardRoutes(app: FastifyInstance, ctx: AppContext): void {
  const security = [{ bearer: [] }];
  const reads = new AdminReadRepository(ctx.database.db);

  app.get(
    '/api/admin/session',
    {
      schema: {
        tags: ['admin'],
        summary: "The role of the presented token (the dashboard's sign-in check)",
        security,
        response: responses(200, sessionData, [401, 403, 429, 500]),
      },
    },
    async (request) => {
      const { role, tokenId } = await authenticateAdmin(
        ctx.tokens,
        request.headers.authorization,
        READERS,
      );
      return { success: true, data: { role, token_id: tokenId } };
    },
  );

  app.get<{ Params: { client_id: string } }>(
    '/api/admin/clients/:client_id',
    {
      schema: {
        tags: ['admin'],
        summary: "A client's registrations, oldest first: its key history",
        security,
        params: clientIdParams,
        response: responses(200, clientData, [401, 403, 404, 429, 500]),
      },
    },
    async (request) => {
      await authenticateAdmin(ctx.tokens, request.headers.authorization, READERS);
      const rows = await reads.clientHistory(request.params.client_id);
      if (rows.length === 0) {
        throw new DataFoldError('CLIENT_NOT_FOUND', 'no registration for this client id', {
          client_id: request.params.client_id,
        });
      }
      return {
        success: true,
        data: { client_id: request.params.client_id, registrations: rows.map(registrationView) },
      };
    },
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
    },
    async (request) => {
      await authenticateAdmin(ctx.tokens, request.headers.authorization, READERS);
      const limit = request.query.limit === undefined ? 50 : Number(request.query.limit);
      if (limit < 1 || limit > 500) {
        throw new ValidationError('INVALID_REQUEST', 'limit must be 1 to 500');
      }
      const rows = await reads.auditNewestFirst({
        beforeSeq: request.query.cursor === undefined ? null : Number(request.query.cursor),
        clientId: request.query.client_id ?? null,
        action: request.query.action ?? null,
        limit: limit + 1,
      });
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      const next = rows.length > limit && last ? String(last.seq) : null;
      return { success: true, data: { items: items.map(auditView), next_cursor: next } };
    },
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
    },
    async (request) => {
      await authenticateAdmin(ctx.tokens, request.headers.authorization, READERS);
      const report = await ctx.chain.check();
      const first = report.breaks[0];
      return {
        success: true,
        data: {
          intact: report.ok,
          entries: report.entries,
          head_hash: report.headHash,
          broken_at_seq: first?.seq ?? null,
          problem: first?.problem ?? null,
          breaks: report.breaks.map((b) => ({
            seq: b.seq,
            last_seq: b.lastSeq,
            problem: b.problem,
          })),
          break_count: report.breakCount,
          checked_at: report.checkedAt,
          full_check_at: report.fullCheckAt,
        },
      };
    },
  );
}
