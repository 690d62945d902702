export { retryAfterMs } from './http-transport.js';
export { resolveServerConfig, SERVER_CLIENT_DEFAULTS } from './server-config.js';
export { createServerIntegration, type ServerIntegration } from './server-integration.js';
export {
  assertClientId,
  canonicalStatement,
  signStatement,
  statementFreshness,
  type StatementFields,
} from './signed-statement.js';
export type * from './types.js';
