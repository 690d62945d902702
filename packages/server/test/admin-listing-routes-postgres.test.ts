import { startPostgresCluster, type PostgresCluster } from '@datafold/test-support';
import { afterAll, beforeAll } from 'vitest';
import type { StorageFactory } from './helpers/test-server.js';
import { adminListingRoutesSuite } from './suites/admin-listing-routes.suite.js';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(() => cluster?.stop());

const pgStorage: StorageFactory = async () => ({
  config: { databaseUrl: await cluster.createDatabase() },
  cleanup: () => Promise.resolve(),
});

adminListingRoutesSuite('PostgreSQL', pgStorage);
