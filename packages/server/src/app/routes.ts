import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config/server-config.js';
import { adminActivityRoutes } from '../http/routes/admin-activity-routes.js';
import { adminDashboardRoutes } from '../http/routes/admin-dashboard-routes.js';
import { adminRoutes } from '../http/routes/admin-routes.js';
import { adminTokenRoutes } from '../http/routes/admin-token-routes.js';
import { keyRoutes } from '../http/routes/key-routes.js';
import { requestVerifyRoute } from '../http/routes/request-verify-route.js';
import { serviceRoutes } from '../http/routes/service-routes.js';
import { verifyRoute } from '../http/routes/verify-route.js';
import { serveDashboard } from '../http/serve-dashboard.js';
import { SERVER_VERSION } from '../version.js';

/**
 * Registers the plugins and every route: CORS (only with an allow-list), the OpenAPI document
 * and its interactive docs, the route plugins of the wire protocol and our extensions, and the
 * dashboard.
 *
 * @example
 * await registerRoutes(app, config);
 */
export async function registerRoutes(app: FastifyInstance, config: ServerConfig): Promise<void> {
  // Without an allow-list no origin gets CORS headers: the plugin's per-request hook would only
  // decide that again on every request, so it is registered only when there is a list.
  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins,
      methods: ['GET', 'POST'],
      // Signature, Signature-Input and Content-Digest: browsers that sign their requests (RFC 9421).
      allowedHeaders: [
        'Content-Type',
        'Authorization',
        'Signature',
        'Signature-Input',
        'Content-Digest',
      ],
      // Browsers hide response headers from scripts unless listed: clients honour Retry-After on
      // 429 and 503, and learn what to sign from Accept-Signature.
      exposedHeaders: ['Retry-After', 'X-Request-Id', 'Accept-Signature'],
      maxAge: 600,
    });
  }
  await app.register(swagger, {
    openapi: {
      // 3.1: JSON Schema 2020-12, so if/then rules (a message that must decode under its
      // encoding) and nullable types are written as the server checks them.
      openapi: '3.1.0',
      info: {
        title: 'DataFold Keys server',
        version: SERVER_VERSION,
        description:
          'The DataFold wire protocol (registration, status, verification) and its extensions.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  for (const routes of [
    keyRoutes,
    verifyRoute,
    requestVerifyRoute,
    serviceRoutes,
    adminRoutes,
    adminDashboardRoutes,
    adminActivityRoutes,
    adminTokenRoutes,
  ]) {
    await app.register(routes);
  }
  await app.register(serveDashboard);
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
}
