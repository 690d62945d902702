export {
  BackupError,
  DataFoldError,
  Ed25519KeyError,
  isDataFoldError,
  KeyDerivationError,
  PlatformError,
  ServerIntegrationError,
  type ServerIntegrationErrorOptions,
  StorageError,
  ValidationError,
} from './datafold-error.js';
export { ERROR_REGISTRY, type ErrorCode, type ErrorCodeInfo } from './registry.js';
