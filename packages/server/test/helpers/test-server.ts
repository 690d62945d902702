import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp, type BuildAppOptions } from '../../src/app/build-app.js';
import { defaultConfig, type ServerConfig } from '../../src/config/server-config.js';

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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
type Json = any;

export interface TestServer {
  app: FastifyInstance;
  config: ServerConfig;
  close(): Promise<void>;
  json(
    options: InjectOptions,
  ): Promise<{ status: number; body: Json; headers: Record<string, unknown> }>;
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
    async json(inject) {
      const res = await app.inject(inject);
      let body: unknown = res.body;
      try {
        body = JSON.parse(res.body);
      } catch {
        // not JSON: tests assert on the raw body
      }
      return { status: res.statusCode, body, headers: res.headers };
    },
  };
}
