export { retryAfterMs } from './http-transport.js';
export { resolveServerConfig, SERVER_CLIENT_DEFAULTS } from './server-config.js';
export { createServerIntegration, type ServerIntegration } from './server-integration.js';
export {
  assertClientId,
  assertStatementNonce,
  canonicalStatement,
  isStatementReason,
  MAX_REASON_LENGTH,
  parseStatementReason,
  parseStatementTimestamp,
  signStatement,
  STATEMENT_FIELD_PATTERNS,
  STATEMENT_HEADER,
  statementFreshness,
  type StatementFields,
} from './signed-statement.js';
export type * from './types.js';
