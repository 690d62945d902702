import { sqliteStorage } from './helpers/test-server.js';
import { activityRoutesSuite } from './suites/activity-routes.suite.js';

activityRoutesSuite('SQLite', sqliteStorage);
