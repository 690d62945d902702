import type { FastifyInstance } from 'fastify';
import { ADMINS, READERS } from '../admin-auth.js';
import type { TokenRequest } from '../../domain/admin-token-service.js';
import {
  DEFAULT_TOKEN_TTL,
  TOKEN_ID_PATTERN,
  TOKEN_LABEL_MAX,
  TOKEN_TTL_PATTERN,
} from '../../domain/admin-tokens.js';
import type { AdminTokenStatus } from '../../repositories/token-repository.js';
import { INPUT_PATTERNS } from '../../domain/wire-inputs.js';
import { pageData, pageLimit, responses } from '../schemas.js';

const STATUSES: readonly AdminTokenStatus[] = ['active', 'expired', 'revoked'];
const nullableTimestamp = { type: ['string', 'null'], description: 'RFC 3339 UTC' } as const;
const tokenId = { type: 'string', pattern: TOKEN_ID_PATTERN } as const;

const tokenProperties = {
  token_id: tokenId,
  role: { type: 'string', enum: ['admin', 'auditor'] },
  label: { type: ['string', 'null'] },
  status: { type: 'string', enum: STATUSES },
  created_at: { type: 'string', description: 'RFC 3339 UTC' },
  expires_at: { ...nullableTimestamp, description: 'RFC 3339 UTC; null never expires' },
  revoked_at: nullableTimestamp,
  last_used: { ...nullableTimestamp, description: 'RFC 3339 UTC; up to a second behind' },
  parent_token_id: {
    type: ['string', 'null'],
    description: 'the token that made this one through the API; null when made on the host',
  },
} as const;

/** A token as listed: never the token itself nor its hash. */
export const tokenData = {
  type: 'object',
  required: Object.keys(tokenProperties),
  properties: tokenProperties,
} as const;

const createdTokenData = {
  type: 'object',
  required: [...Object.keys(tokenProperties), 'token'],
  properties: {
    ...tokenProperties,
    token: { type: 'string', description: 'the token itself: shown this once, never again' },
  },
} as const;

const revocationData = {
  type: 'object',
  required: ['token_id', 'revoked_at', 'revoked_token_ids'],
  properties: {
    token_id: tokenId,
    revoked_at: { type: 'string', description: 'RFC 3339 UTC; the first revocation, if repeated' },
    revoked_token_ids: {
      type: 'array',
      items: tokenId,
      description: 'revoked by this call: the token, then every token it made; empty if repeated',
    },
  },
} as const;

const createBody = {
  type: 'object',
  required: ['role'],
  properties: {
    role: { type: 'string', enum: ['admin', 'auditor'] },
    label: {
      type: ['string', 'null'],
      minLength: 1,
      maxLength: TOKEN_LABEL_MAX,
      pattern: INPUT_PATTERNS.text,
      description: `1 to ${TOKEN_LABEL_MAX} characters, no control characters`,
    },
    ttl: {
      type: ['string', 'null'],
      pattern: TOKEN_TTL_PATTERN,
      description: `e.g. 30d, 12h, 15m, or never; default ${DEFAULT_TOKEN_TTL}, and never later than the creating token's expiry`,
    },
  },
} as const;

const listQuery = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: STATUSES },
    limit: pageLimit,
    cursor: {
      type: 'string',
      maxLength: 512,
      pattern: '^[A-Za-z0-9_-]*$',
      description: 'the next_cursor of the previous page, as given',
    },
  },
} as const;

interface ListQuery {
  status?: AdminTokenStatus;
  limit?: string;
  cursor?: string;
}

/**
 * The admin token lifecycle over HTTP, for the dashboard and automation: list (admin or
 * auditor: who holds access is what an auditor checks), create and revoke (admin). A token made
 * here is a child of the token that made it: it expires no later, and revoking the parent revokes
 * it. The created token is in the 201 body once, with `Cache-Control: no-store`.
 *
 * @example
 * await app.register(adminTokenRoutes);
 */
export async function adminTokenRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.datafold;
  const security = [{ bearer: [] }];

  app.get<{ Querystring: ListQuery }>(
    '/api/admin/tokens',
    {
      schema: {
        tags: ['admin'],
        summary: 'List admin tokens, oldest first (cursor pagination, status filter)',
        security,
        querystring: listQuery,
        response: responses(200, pageData(tokenData), [400, 401, 403, 429, 500]),
      },
      config: { admin: READERS },
    },
    async (request) => {
      // The schema holds limit to 1-500.
      const limit = request.query.limit === undefined ? 50 : Number(request.query.limit);
      const page = await ctx.tokens.list({
        status: request.query.status ?? null,
        cursor: request.query.cursor ?? null,
        limit,
      });
      return { success: true, data: page };
    },
  );

  app.post<{ Body: TokenRequest }>(
    '/api/admin/tokens',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create a token; the token itself is in this answer only',
        security,
        body: createBody,
        response: responses(201, createdTokenData, [400, 401, 403, 429, 500]),
      },
      config: { admin: ADMINS },
    },
    async (request, reply) => {
      const created = await ctx.tokens.create(request.body, {
        kind: 'token',
        tokenId: request.admin!.tokenId,
      });
      // The one copy of the secret must not be kept by a browser or a proxy cache.
      void reply.code(201).header('cache-control', 'no-store');
      return { success: true, data: created };
    },
  );

  app.post<{ Params: { token_id: string } }>(
    '/api/admin/tokens/:token_id/revoke',
    {
      schema: {
        tags: ['admin'],
        summary: 'Revoke a token and every token it made; repeating it changes nothing',
        security,
        params: { type: 'object', required: ['token_id'], properties: { token_id: tokenId } },
        response: responses(200, revocationData, [400, 401, 403, 404, 429, 500]),
      },
      config: { admin: ADMINS },
    },
    async (request) => {
      const data = await ctx.tokens.revoke(request.params.token_id, {
        kind: 'token',
        tokenId: request.admin!.tokenId,
      });
      return { success: true, data };
    },
  );
}
