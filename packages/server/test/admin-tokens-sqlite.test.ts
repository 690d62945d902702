import { sqliteStorage } from './helpers/test-server.js';
import { adminTokensSuite } from './suites/admin-tokens.suite.js';

adminTokensSuite('SQLite', sqliteStorage);
