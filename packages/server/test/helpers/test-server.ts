import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp, type BuildAppOptions } from '../../src/app/build-app.js';
import { defaultConfig, type ServerConfig } from '../../src/config/server-config.js';
import { jsonAnswer, type JsonAnswer, type TextAnswer } from './json-answer.js';

/** Where a suite stores its data: a fresh SQLite directory, or a PostgreSQL database URL. */
export type StorageFactory = () => Promise<{
  config: Partial<ServerConfig>;
  cleanup: () => Promise<void>;
}>;

export const sqliteStorage: StorageFactory = () => {
  const dir = mkdtempSync(join(tmpdir(), 'datafold-server-test-'));
  return Promise.resolve({
    config: { dataDir: dir },
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
};

export interface TestServer {
  app: FastifyInstance;
  config: ServerConfig;
  close(): Promise<void>;
  /**
   * Injects a request and reads the answer as JSON, its envelope's `data` typed `T`; fails the
   * test when the body is not JSON (json-answer.ts).
   *
   * @example
   * const res = await server.json<VerifyView>({ method: 'POST', url, payload });
   * expect(res.data().verified).toBe(true);
   */
  json<T = unknown>(options: InjectOptions): Promise<JsonAnswer<T>>;
  /** Injects a request and reads the answer as text: a body that is not JSON, or not enveloped. */
  text(options: InjectOptions): Promise<TextAnswer>;
}

/** A built app on fresh storage, rate limits off unless the test sets them. */
export async function startTestServer(
  storage: StorageFactory,
  overrides: Partial<ServerConfig> = {},
  options: BuildAppOptions = {},
): Promise<TestServer> {
  const { config: storageConfig, cleanup } = await storage();
  const config: ServerConfig = {
    ...defaultConfig(),
    rateLimitPerIp: 0,
    rateLimitPerClient: 0,
    rateLimitFailuresPerIp: 0,
    rateLimitRegistrationsPerIp: 0,
    lastUsedFlushMs: 60_000,
    ...storageConfig,
    ...overrides,
  };
  const app = await buildApp(config, { logger: false, ...options });
  const text = async (inject: InjectOptions): Promise<TextAnswer> => {
    const res = await app.inject(inject);
    return { status: res.statusCode, headers: res.headers, text: res.body };
  };
  return {
    app,
    config,
    async close() {
      try {
        await app.close();
      } finally {
        await cleanup();
      }
    },
    async json<T>(inject: InjectOptions) {
      return jsonAnswer<T>(await text(inject));
    },
    text,
  };
}
