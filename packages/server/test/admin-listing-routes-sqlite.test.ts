import { sqliteStorage } from './helpers/test-server.js';
import { adminListingRoutesSuite } from './suites/admin-listing-routes.suite.js';

adminListingRoutesSuite('SQLite', sqliteStorage);
