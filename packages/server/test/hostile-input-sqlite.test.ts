import { sqliteStorage } from './helpers/test-server.js';
import { hostileInputSuite } from './suites/hostile-input.suite.js';

hostileInputSuite('SQLite', sqliteStorage);
