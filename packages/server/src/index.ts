export { buildApp, type BuildAppOptions } from './app/build-app.js';
export { loadConfig } from './config/load-config.js';
export { defaultConfig, type ServerConfig } from './config/server-config.js';
export { type TrustProxy } from './config/trust-proxy.js';
export { canonicalStatement, type StatementFields } from '@datafold/js-sdk';
