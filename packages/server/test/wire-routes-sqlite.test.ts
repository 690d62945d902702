import { sqliteStorage } from './helpers/test-server.js';
import { wireRoutesSuite } from './suites/wire-routes.suite.js';

wireRoutesSuite('SQLite', sqliteStorage);
