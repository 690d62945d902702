import { sqliteStorage } from './helpers/test-server.js';
import { lifecycleRoutesSuite } from './suites/lifecycle-routes.suite.js';

lifecycleRoutesSuite('SQLite', sqliteStorage);
