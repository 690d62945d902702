export { freePort } from './free-port.js';
export {
  assertServerBuilt,
  SERVER_MAIN,
  startDatafoldServer,
  type DatafoldServer,
  type StartServerOptions,
} from './datafold-server.js';
export { createToken, runServerCommand, type ServerCommandResult } from './server-command.js';
export { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';
export { startRedisServer, type RedisServer } from './redis-server.js';
export { startTcpProxy, type TcpProxy } from './tcp-proxy.js';
