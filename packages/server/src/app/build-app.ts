import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ServerConfig } from '../config/server-config.js';
import { loggableDatabaseError } from '../db/database-fault.js';
import { migrateToLatest } from '../db/migrate-to-latest.js';
import { openDatabase, type OpenDatabase } from '../db/open-database.js';
import { overheadPartsLeftOut, type OverheadPart } from '../http/overhead-parts.js';
import type { RateLimitStore } from '../http/rate-limiter.js';
import type { AppContext } from './app-context.js';
import './fastify-types.js';
import { manageLifecycle } from './lifecycle.js';
import { addRequestHandling } from './request-handling.js';
import { registerRoutes } from './routes.js';
import { serverOptions } from './server-options.js';
import { buildServices } from './services.js';

/** Test and embedding hooks; production uses the defaults. */
export interface BuildAppOptions {
  /** A pino logger configuration or false; defaults to JSON logs at the configured level. */
  logger?: FastifyServerOptions['logger'];
  /** The server's clock (statement windows, token expiry), for tests of either. */
  now?: () => number;
  /** Shared counters for rate limits (Redis); defaults to this process's memory. */
  rateLimitStore?: RateLimitStore;
  /** An already open database; by default one is opened from the config. */
  database?: OpenDatabase;
  /** Per-request work left out, for bench/server/overhead.mjs only; by default what it set. */
  leaveOut?: ReadonlySet<OverheadPart>;
}

/**
 * The services and repositories of an app built by `buildApp`, for embedding and tests.
 *
 * @example
 * await createAdminToken(appContext(app).tokens, 'admin');
 */
export function appContext(app: FastifyInstance): AppContext {
  return app.datafold;
}

/**
 * Settings an operator chose that weaken a protection: logged at start and listed by
 * /api/health until they are changed.
 *
 * @example
 * startupWarnings({ ...defaultConfig(), requireProof: false }); // ['registration without proof …']
 */
export function startupWarnings(config: ServerConfig): string[] {
  return config.requireProof
    ? []
    : [
        'registration without proof of possession is allowed (--allow-unproven-registration): ' +
          'anyone can register a public key they copied and lock its owner out; turn it off once existing clients send proofs',
      ];
}

/**
 * Builds the Fastify app; it does not listen (`main` does, tests call `app.inject()`):
 *
 * 1. the database, opened and migrated;
 * 2. Fastify, with the server options of the configuration (server-options.ts);
 * 3. the services and the storage under them (services.ts), decorated as `app.datafold`;
 * 4. what happens to every request around its route (request-handling.ts);
 * 5. the plugins and routes (routes.ts);
 * 6. the background work and the order of closing (lifecycle.ts);
 * 7. the change feed started, then ready.
 *
 * @example
 * const app = await buildApp({ ...defaultConfig(), dataDir: tmp }, { logger: false });
 * const res = await app.inject({ method: 'GET', url: '/api/health' });
 */
export async function buildApp(
  config: ServerConfig,
  options: BuildAppOptions = {},
): Promise<FastifyInstance> {
  // The logger exists only once Fastify does; connections lost before then have no one to tell.
  let onConnectionLost: (error: Error) => void = () => undefined;
  const database =
    options.database ??
    openDatabase(config, {
      command: 'datafold-server serve',
      onConnectionError: (error) => onConnectionLost(error),
    });
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw new Error(`cannot open the database ${database.location}`, { cause: error });
  }
  // With TLS options Fastify types the instance for an https server; the routes need no more
  // than the common FastifyInstance.
  const leaveOut = options.leaveOut ?? overheadPartsLeftOut(process.env);
  const app = Fastify(
    serverOptions(config, options.logger, leaveOut),
  ) as unknown as FastifyInstance;
  let built: Awaited<ReturnType<typeof buildServices>>;
  try {
    built = await buildServices(config, database, app.log, options);
  } catch (error) {
    await database.close();
    throw error;
  }
  const { ctx, resources } = built;
  app.decorate('datafold', ctx);
  for (const warning of startupWarnings(config)) app.log.warn(warning);

  addRequestHandling(app, ctx, leaveOut);
  await registerRoutes(app, config);
  manageLifecycle(app, ctx, resources);

  onConnectionLost = (error) => {
    ctx.metrics.observeConnectionLost();
    app.log.warn(
      { err: loggableDatabaseError(error) },
      'database connection lost; the pool replaces it',
    );
  };
  await ctx.feed.start();
  await app.ready();
  return app;
}
