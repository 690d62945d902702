import { DataFoldError } from '@datafold/js-sdk';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import { responses } from '../schemas.js';

/**
 * The compat status routes existing clients call (WIRE-PROTOCOL.md "Also answered"), and our
 * health and metrics routes.
 *
 * @example
 * app.register((scope) => serviceRoutes(scope, context));
 */
export function serviceRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/api/crypto/status',
    {
      schema: {
        tags: ['service'],
        summary: 'Connection test of the JS client',
        response: responses(
          200,
          {
            type: 'object',
            properties: {
              status: { type: 'string' },
              version: { type: 'string' },
              algorithm: { type: 'string' },
            },
          },
          [500],
        ),
      },
    },
    () => ({
      success: true,
      data: { status: 'operational', version: ctx.version, algorithm: 'Ed25519' },
    }),
  );

  app.get(
    '/api/system/status',
    {
      schema: {
        tags: ['service'],
        summary: 'Process status (not enveloped, as existing clients expect)',
        response: {
          200: {
            type: 'object',
            required: ['status', 'uptime', 'version'],
            properties: {
              status: { type: 'string' },
              uptime: { type: 'number' },
              version: { type: 'string' },
            },
          },
        },
      },
    },
    () => ({
      status: 'running',
      uptime: Math.floor((Date.now() - ctx.startedAt) / 1000),
      version: ctx.version,
    }),
  );

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['service'],
        summary: 'Liveness and database readiness',
        response: responses(
          200,
          {
            type: 'object',
            properties: {
              status: { type: 'string' },
              database: {
                type: 'object',
                properties: { status: { type: 'string' }, dialect: { type: 'string' } },
              },
            },
          },
          [503],
        ),
      },
    },
    async () => {
      try {
        await ctx.database.ping();
      } catch {
        throw new DataFoldError('SERVICE_UNAVAILABLE', 'the database is not reachable', {
          database: 'down',
        });
      }
      return {
        success: true,
        data: { status: 'ok', database: { status: 'up', dialect: ctx.database.dialect } },
      };
    },
  );

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const body = await ctx.metrics.registry.metrics();
    return reply.type(ctx.metrics.registry.contentType).send(body);
  });
}
