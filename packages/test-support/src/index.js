// Test helpers that start real parts. Chromium has its own entry point
// (`@datafold/test-support/chromium`) so that suites without a browser never load playwright-core.
export { freePort } from './free-port.js';
export { assertServerBuilt, SERVER_MAIN, startDatafoldServer } from './datafold-server.js';
export { createToken, runServerCommand } from './server-command.js';
export { startPostgresCluster } from './postgres-cluster.js';
export { startRedisServer } from './redis-server.js';
export { startTcpProxy } from './tcp-proxy.js';
