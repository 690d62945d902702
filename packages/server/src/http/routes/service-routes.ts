import { DataFoldError } from '@datafold/js-sdk';
import type { FastifyInstance } from 'fastify';
import { startupWarnings } from '../../app/build-app.js';
import { DATABASE_RETRY_AFTER_SECONDS } from '../../app/error-reply.js';
import { databaseFault } from '../../db/database-fault.js';
import { responses } from '../schemas.js';

/**
 * The compat status routes existing clients call (WIRE-PROTOCOL.md "Also answered"), and our
 * health and metrics routes.
 *
 * @example
 * await app.register(serviceRoutes);
 */
export async function serviceRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.datafold;
  const warnings = startupWarnings(ctx.config);
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
        summary: 'Liveness, database readiness, and whether caches are in use',
        description:
          'change_feed.state: local (SQLite, one process), live (PostgreSQL, confirmed within ' +
          'the staleness bound), lagging or down (verify lookups bypass the cache and read the ' +
          'database). 503 DATABASE_UNAVAILABLE when the database does not answer.',
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
              change_feed: {
                type: 'object',
                properties: { state: { type: 'string' } },
              },
              verify_cache: {
                type: 'object',
                properties: { state: { type: 'string' }, entries: { type: 'integer' } },
              },
              registration: {
                type: 'object',
                properties: { proof_required: { type: 'boolean' } },
              },
              warnings: {
                type: 'array',
                description: 'settings that weaken a protection, also logged at start',
                items: { type: 'string' },
              },
            },
          },
          [],
        ),
      },
    },
    async () => {
      try {
        await ctx.database.ping();
      } catch (error) {
        ctx.health.fault(databaseFault(error) ?? 'unreachable', error);
        throw new DataFoldError('DATABASE_UNAVAILABLE', 'the database does not answer', {
          database: ctx.health.view(),
          retry_after_seconds: DATABASE_RETRY_AFTER_SECONDS,
        });
      }
      ctx.health.ok();
      const cacheState = !ctx.cache.enabled ? 'off' : ctx.feed.usable() ? 'on' : 'bypassed';
      return {
        success: true,
        data: {
          status: 'ok',
          database: { status: 'up', dialect: ctx.database.dialect },
          change_feed: { state: ctx.feed.state() },
          verify_cache: { state: cacheState, entries: ctx.cache.size },
          registration: { proof_required: ctx.config.requireProof },
          warnings,
        },
      };
    },
  );

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const body = await ctx.metrics.registry.metrics();
    return reply.type(ctx.metrics.registry.contentType).send(body);
  });
}
