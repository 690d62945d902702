import type { FastifyInstance } from 'fastify';
import { activityReport } from '../../activity/activity-report.js';
import { ACTIVITY_WINDOW_NAMES, type ActivityWindowName } from '../../activity/activity-windows.js';
import { READERS } from '../admin-auth.js';
import { responses } from '../schemas.js';

const count = { type: 'integer', minimum: 0 } as const;
const perBucket = { type: 'array', items: count } as const;
const outcomes = (values: object) =>
  ({
    type: 'object',
    required: ['ok', 'failed'],
    properties: { ok: values, failed: values },
  }) as const;
const perKind = (values: object) =>
  ({
    type: 'object',
    required: ['verification', 'registration', 'rotation', 'revocation'],
    properties: {
      verification: outcomes(values),
      registration: outcomes(values),
      rotation: outcomes(values),
      revocation: outcomes(values),
    },
  }) as const;

const activityData = {
  type: 'object',
  required: [
    'window',
    'bucket_seconds',
    'buckets',
    'to',
    'series',
    'totals',
    'top_failing_clients',
    'keys',
  ],
  properties: {
    window: { type: 'string', enum: ACTIVITY_WINDOW_NAMES },
    bucket_seconds: {
      type: 'integer',
      description: 'the length of each bar: 60 (1h), 900 (24h) or 7200 (7d)',
    },
    buckets: {
      type: 'array',
      description: 'the start of each bar, oldest first; the last one holds the current minute',
      items: { type: 'string', format: 'date-time' },
    },
    to: { type: 'string', format: 'date-time', description: 'the end of the last bar' },
    series: {
      ...perKind(perBucket),
      description:
        'per kind and outcome, one count per bar in `buckets` order; a verification fails with ' +
        'any answer but 200, a registration, rotation or revocation with any refusal',
    },
    totals: perKind(count),
    top_failing_clients: {
      type: 'array',
      description: 'the clients with most failures in the window, most first (at most 10)',
      items: {
        type: 'object',
        required: ['client_id', 'failures'],
        properties: { client_id: { type: 'string' }, failures: count },
      },
    },
    keys: {
      type: 'object',
      description: 'registrations by status now',
      required: ['active', 'superseded', 'revoked'],
      properties: { active: count, superseded: count, revoked: count },
    },
  },
} as const;

const activityQuery = {
  type: 'object',
  properties: {
    window: { type: 'string', enum: ACTIVITY_WINDOW_NAMES, description: 'default 24h' },
  },
} as const;

/**
 * GET /api/admin/activity: the overview's charts, the same on every instance (activity-report.ts).
 * Admin or auditor tokens.
 *
 * @example
 * await app.register(adminActivityRoutes);
 */
export async function adminActivityRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.datafold;
  app.get<{ Querystring: { window?: ActivityWindowName } }>(
    '/api/admin/activity',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Verifications, registrations, rotations and revocations over the last hour, day or week, counted by every instance',
        security: [{ bearer: [] }],
        querystring: activityQuery,
        response: responses(200, activityData, [400, 401, 403, 429, 500]),
      },
      config: { admin: READERS },
    },
    async (request) => ({
      success: true,
      data: await activityReport(
        ctx.activityRepository,
        () => ctx.registrations.countByStatus(),
        request.query.window ?? '24h',
        Date.now(),
      ),
    }),
  );
}
