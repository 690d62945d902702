export {
  CRYPTOKEY_DB_NAME,
  CRYPTOKEY_SCHEMA_VERSION,
  CRYPTOKEYS_STORE,
} from './cryptokey-database.js';
export { CRYPTOKEY_RECORD_FORMAT, type CryptoKeyRecord } from './cryptokey-record.js';
export {
  createNonExtractableKeyStore,
  type GenerateNonExtractableKeyOptions,
  type NonExtractableKey,
  type NonExtractableKeyInfo,
  type NonExtractableKeyStore,
  type NonExtractableKeyStoreOptions,
} from './non-extractable-key-store.js';
export { isNonExtractableKeySupported } from './non-extractable-support.js';
