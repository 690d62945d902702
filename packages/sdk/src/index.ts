/**
 * @datafold/js-sdk — client-side Ed25519 key management for browsers and Node.
 *
 * The public surface, every name listed: this file only re-exports, each concept lives in its own
 * module, and nothing reaches the package by `export *`, so a change to what the package offers is
 * a change to this list. Grouped by area, one block per source module. The other entry points are
 * hazmat.ts (raw primitives), storage/node/index.ts (`/node`: key files, native Argon2id) and
 * worker.ts (`/worker`).
 *
 * @example
 * import { generateKeyPair, sign, verify } from '@datafold/js-sdk';
 */

// Keys
export {
  assertValidPublicKey,
  generateKeyPair,
  generateMultipleKeyPairs,
  getPublicKey,
  getPublicKeySync,
  isValidPublicKey,
  KEY_FINGERPRINT_PREFIX,
  keyFingerprint,
  keyPairFromSeed,
  MAX_KEY_PAIRS_PER_CALL,
  PRIVATE_KEY_LENGTH,
  PUBLIC_KEY_LENGTH,
  SHORT_FINGERPRINT_CHARACTERS,
  shortKeyFingerprint,
  SIGNATURE_LENGTH,
  type Ed25519CryptoKeyPair,
  type Ed25519KeyPair,
  type KeyGenerationOptions,
  type SigningKeyPair,
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
} from './derivation/kdf-bounds.js';
export type { KdfPurpose, PasswordKdf } from './derivation/kdf-params.js';

// Backup v1 (spec/backup-v1.md)
export {
  BACKUP_VERSION,
  createBackup,
  DEFAULT_KDF_PARAMS,
  exportKey,
  importKey,
  NONCE_LENGTHS,
  restoreBackup,
  validateBackupFormat,
  type Argon2idKdfParams,
  type BackupCipher,
  type BackupDocumentV1,
  type BackupFormat,
  type BackupKdf,
  type BackupKdfParams,
  type BackupMetadata,
  type BackupValidation,
  type CreateBackupOptions,
  type ExportKeyOptions,
  type ExportKeyResult,
  type ImportKeyOptions,
  type ImportKeyResult,
  type Pbkdf2KdfParams,
  type RestoreBackupOptions,
  type RestoredBackup,
  type ScryptKdfParams,
} from './backup/index.js';

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
export {
  createIndexedDBKeyStorage,
  IDB_DEFAULT_PBKDF2_ITERATIONS,
  IDB_RECORD_FORMAT,
  type IdbKeyRecord,
  type IndexedDBKeyStorage,
  type IndexedDBKeyStorageOptions,
} from './storage/indexeddb/index.js';
export {
  createNonExtractableKeyStore,
  CRYPTOKEY_DB_NAME,
  CRYPTOKEY_RECORD_FORMAT,
  CRYPTOKEY_SCHEMA_VERSION,
  CRYPTOKEYS_STORE,
  isNonExtractableKeySupported,
  type CryptoKeyRecord,
  type GenerateNonExtractableKeyOptions,
  type NonExtractableKey,
  type NonExtractableKeyInfo,
  type NonExtractableKeyStore,
  type NonExtractableKeyStoreOptions,
} from './storage/non-extractable/index.js';

// Rotation (spec/key-rotation-v1.md)
export {
  assertRotationReason,
  deriveRotationKeyPair,
  KeyRotationManager,
  MAX_ROTATION_HISTORY,
  MAX_ROTATION_REASON_LENGTH,
  ROTATION_MASTER_KEY_MIN_LENGTH,
  type CreateVersionedKeyOptions,
  type DeriveRotationInput,
  type KeyRotationManagerOptions,
  type KeyVersion,
  type KeyVersionWithKeyPair,
  type RotationDue,
  type RotationMethod,
  type RotationOptions,
  type RotationPolicy,
  type RotationRecord,
  type RotationResult,
} from './rotation/index.js';

// KDF work off the main thread (module Web Worker; inline fallback)
export {
  createKdfWorker,
  type KdfProgress,
  type KdfWorker,
  type KdfWorkerOptions,
} from './workers/index.js';

// Server client (WIRE-PROTOCOL.md, spec/http-statements.md)
export {
  assertClientId,
  assertStatementNonce,
  canonicalStatement,
  createServerIntegration,
  isStatementReason,
  MAX_REASON_LENGTH,
  parseStatementReason,
  parseStatementTimestamp,
  resolveServerConfig,
  retryAfterMs,
  SERVER_CLIENT_DEFAULTS,
  signStatement,
  STATEMENT_FIELD_PATTERNS,
  STATEMENT_HEADER,
  statementFreshness,
  type ConnectionResult,
  type MessageEncoding,
  type PublicKeyRegistration,
  type RegistrationOptions,
  type RegistrationStatus,
  type RejectedSignature,
  type RetryEvent,
  type RevocationResult,
  type RevokeRegistrationRequest,
  type RotateRegistrationRequest,
  type RotationRegistration,
  type ServerConfig,
  type ServerIntegration,
  type SignatureOptions,
  type SignatureResult,
  type SignatureVerificationResult,
  type StatementFields,
  type VerificationRequest,
  type VerifiedSignature,
  type WorkflowOptions,
  type WorkflowResult,
} from './server-client/index.js';

// Signed requests (RFC 9421, spec/http-message-signatures-v1.md)
export {
  ACCEPT_SIGNATURE,
  checkContentDigest,
  contentDigest,
  createMemoryReplayStore,
  createSignedFetch,
  REQUEST_SIGNATURE_BOUNDS,
  REQUEST_SIGNATURE_LABEL,
  REQUEST_SIGNATURE_TAG,
  REQUEST_SIGNATURE_TIME,
  RequestSignatureError,
  signatureHeaders,
  signRequest,
  verifyHttpMessage,
  verifyRequest,
  type ContentDigestProblem,
  type HttpMessageParts,
  type MemoryReplayStoreOptions,
  type ReplayStore,
  type RequestSignatureErrorCode,
  type ResolvedRequestKey,
  type SignatureHeaders,
  type SigningKeyOptions,
  type VerifiedRequest,
  type VerifyFetchRequestOptions,
  type VerifyRequestOptions,
} from './http-signatures/index.js';

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

// Errors (spec/errors.json)
export {
  BackupError,
  DataFoldError,
  Ed25519KeyError,
  ERROR_REGISTRY,
  isDataFoldError,
  KeyDerivationError,
  PlatformError,
  ServerIntegrationError,
  StorageError,
  ValidationError,
  type ErrorCode,
  type ErrorCodeInfo,
  type ServerIntegrationErrorOptions,
} from './errors/index.js';

// Encodings
export {
  base64ToBytes,
  base64UrlToBytes,
  bytesToBase64,
  bytesToBase64Url,
  bytesToHex,
  bytesToUtf8,
  codePointLength,
  concatBytes,
  constantTimeEqual,
  hasLoneSurrogate,
  hexToBytes,
  isBytes,
  isCleanText,
  isHex,
  TEXT_PATTERN,
  utf8ToBytes,
  wellFormed,
  wipe,
} from './encoding/index.js';
