import { sqliteStorage } from '../helpers/test-server.js';
import { databaseReplayStoreSuite } from '../suites/database-replay-store.suite.js';

databaseReplayStoreSuite('SQLite', sqliteStorage);
