/**
 * @datafold/js-sdk — client-side Ed25519 key management for browsers and Node.
 *
 * This barrel only re-exports; each concept lives in its own module. Node-only storage is in
 * `@datafold/js-sdk/node`.
 */

// Keys
export {
  assertValidPublicKey,
  generateKeyPair,
  generateMultipleKeyPairs,
  getPublicKey,
  getPublicKeySync,
  isValidPublicKey,
  keyPairFromSeed,
  MAX_KEY_PAIRS_PER_CALL,
  PRIVATE_KEY_LENGTH,
  PUBLIC_KEY_LENGTH,
  SIGNATURE_LENGTH,
  type Ed25519KeyPair,
  type KeyGenerationOptions,
} from './keys/index.js';

// Formats
export {
  formatKey,
  KEY_FORMATS,
  parseKey,
  parseKeyDetailed,
  type Ed25519Jwk,
  type FormatKeyOptions,
  type KeyFormat,
  type KeyType,
  type ParsedKey,
  type ParseKeyOptions,
} from './formats/index.js';
export { detectKeyFormat } from './formats/detect-key-format.js';

// Signatures
export {
  forgetEd25519Key,
  getEd25519Backend,
  isEd25519BackendAvailable,
  sign,
  useEd25519Backend,
  verify,
  verifyBatch,
  type Ed25519BackendChoice,
  type Ed25519BackendName,
  type VerifyBatchItem,
  type VerifyBatchOptions,
} from './signatures/index.js';

// Derivation
export {
  DERIVATION_CONTEXTS,
  resolveDerivationContext,
  type DerivationContextName,
  type ResolvedContext,
} from './derivation/derivation-contexts.js';
export { deriveEd25519KeyPair } from './derivation/derive-ed25519-key-pair.js';
export { deriveKey, DERIVE_KEY_DEFAULTS } from './derivation/derive-key.js';
export {
  deriveMultipleKeys,
  type DeriveMultipleKeysOptions,
} from './derivation/derive-multiple-keys.js';
export type {
  DerivationAlgorithm,
  DeriveKeyOptions,
  DerivedKey,
} from './derivation/derived-key.js';
export type { HashName } from './derivation/hash-names.js';
export {
  ARGON2ID_MIN_ITERATIONS,
  ARGON2ID_MIN_MEMORY_KIB,
  assertKdfParamsSafe,
  KDF_MAX_MEMORY_BYTES,
  PBKDF2_MIN_ITERATIONS,
  SCRYPT_MIN_N,
  SCRYPT_MIN_R,
  type KdfPurpose,
  type PasswordKdf,
} from './derivation/kdf-bounds.js';

// Backup
export * from './backup/index.js';

// Key file v1 (the format; the Node store is in '@datafold/js-sdk/node')
export {
  decodeKeyFile,
  DEFAULT_KEY_FILE_KDF_PARAMS,
  encodeKeyFile,
  KEY_FILE_FORMAT,
  KEY_FILE_VERSION,
  MAX_KEY_VERSION,
  parseKeyFile,
  type DecodedKeyFile,
  type EncodeKeyFileInput,
  type KeyFileDocumentV1,
  type KeyFileHeader,
  type KeyFileMetadata,
} from './key-file/index.js';

// Storage (platform-neutral parts)
export type {
  KeyMetadata,
  KeyStorage,
  StoredKeyInfo,
  StoreKeyPairOptions,
} from './storage/key-storage.js';
export {
  createMemoryKeyStorage,
  type MemoryKeyStorage,
  type MemoryKeyStorageOptions,
} from './storage/memory-storage.js';
export {
  isVersionedKeyStorage,
  type KeyVersionInfo,
  type StoreKeyVersionOptions,
  type VersionedKeyStorage,
} from './storage/versioned-key-storage.js';
export {
  createStorage,
  isStorageSupported,
  type ManagedKeyStorage,
  type StorageOptions,
  type StorageSupport,
  type StorageType,
} from './storage/create-storage.js';
export * from './storage/indexeddb/index.js';

// Rotation (spec/key-rotation-v1.md)
export * from './rotation/index.js';

// KDF work off the main thread (module Web Worker; inline fallback)
export * from './workers/index.js';

// Server client (WIRE-PROTOCOL.md, spec/http-statements.md)
export * from './server-client/index.js';

// Utilities
export { clearKeyMaterial } from './utils/clear-key-material.js';
export {
  checkBrowserCompatibility,
  initializeSDK,
  isCompatible,
  type BrowserCompatibility,
  type InitializationResult,
} from './utils/compatibility.js';
export { enableDebugLogging, isDebugLoggingEnabled, type DebugSink } from './utils/debug-log.js';
export { suggest } from './utils/suggest.js';
export {
  assertValidKeyId,
  generateKeyId,
  MAX_KEY_ID_LENGTH,
  validateKeyId,
  type KeyIdValidation,
} from './utils/key-id.js';
export {
  MAX_PASSPHRASE_LENGTH,
  MIN_PASSPHRASE_LENGTH,
  validatePassphrase,
  type PassphraseValidation,
} from './utils/passphrase.js';

// Errors and encodings
export * from './errors/index.js';
export * from './encoding/index.js';
