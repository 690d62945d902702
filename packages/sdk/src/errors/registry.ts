// Generated from spec/errors.json by scripts/generate-error-registry.mjs. Do not edit.

/** Everything the registry says about one error code. */
export interface ErrorCodeInfo {
  readonly httpStatus: number;
  readonly category: string;
  readonly meaning: string;
  readonly fix: string;
}

/** Every error code any DataFold face can report, with its HTTP status, meaning and fix. */
export const ERROR_REGISTRY = {
  INVALID_ARGUMENT: {
    httpStatus: 400,
    category: "input",
    meaning: "A function or route received a value of the wrong type or shape.",
    fix: "Pass the documented type; the message names the argument.",
  },
  INVALID_REQUEST: {
    httpStatus: 400,
    category: "input",
    meaning: "The request body is not valid JSON or not the expected object.",
    fix: "Send a JSON object with Content-Type: application/json.",
  },
  INVALID_KEY_FORMAT: {
    httpStatus: 400,
    category: "input",
    meaning: "Key data is not valid in the stated format (hex, base64, PEM, JWK) or has the wrong length.",
    fix: "Check the encoding and that the key is 32 bytes; the message says what was found.",
  },
  UNSUPPORTED_KEY_TYPE: {
    httpStatus: 400,
    category: "input",
    meaning: "A PEM or JWK holds a key that is not Ed25519 (for example RSA, EC or X25519).",
    fix: "Export an Ed25519 key (OID 1.3.101.112, JWK kty OKP crv Ed25519).",
  },
  UNSUPPORTED_FORMAT: {
    httpStatus: 400,
    category: "input",
    meaning: "The requested key format is not one of hex, base64, uint8array, pem, jwk.",
    fix: "Use one of the listed formats.",
  },
  INVALID_PRIVATE_KEY: {
    httpStatus: 400,
    category: "input",
    meaning: "A private key is not a 32-byte Ed25519 seed.",
    fix: "Pass the 32-byte seed, not the 64-byte expanded key.",
  },
  INVALID_PUBLIC_KEY: {
    httpStatus: 400,
    category: "input",
    meaning: "A public key is empty, not hex, not 32 bytes, not a canonical Ed25519 point, or of small order.",
    fix: "Send the 32-byte public key of a generated key pair as 64 hex characters.",
  },
  INVALID_SIGNATURE: {
    httpStatus: 400,
    category: "input",
    meaning: "A signature is empty, not hex, or not 64 bytes.",
    fix: "Send the 64-byte Ed25519 signature as 128 hex characters.",
  },
  INVALID_MESSAGE: {
    httpStatus: 400,
    category: "input",
    meaning: "The message is missing, empty without a message_encoding, or does not decode under its message_encoding.",
    fix: "Send the message encoded as stated (utf8, hex, or padded base64); an empty message needs message_encoding given explicitly.",
  },
  INVALID_ENCODING: {
    httpStatus: 400,
    category: "input",
    meaning: "message_encoding is not utf8, hex or base64.",
    fix: "Use utf8, hex or base64.",
  },
  INVALID_CLIENT_ID: {
    httpStatus: 400,
    category: "input",
    meaning: "The client id is empty or not allowed.",
    fix: "Use 1-128 characters from A-Z a-z 0-9 . _ - :",
  },
  INVALID_KEY_ID: {
    httpStatus: 400,
    category: "input",
    meaning: "A key id is empty, too long, or has characters that could leave the key directory.",
    fix: "Use 1-100 characters from A-Z a-z 0-9 . _ - (not starting with a dot).",
  },
  INVALID_ENTROPY: {
    httpStatus: 400,
    category: "input",
    meaning: "Entropy passed to key generation is not 32 bytes.",
    fix: "Pass exactly 32 bytes, or omit entropy to use the platform's secure random source.",
  },
  WEAK_PASSPHRASE: {
    httpStatus: 400,
    category: "input",
    meaning: "The passphrase is too weak to protect a key (fewer than 8 characters, or a listed weakness).",
    fix: "Use at least 8 characters; a longer passphrase of several words is best.",
  },
  SIGNATURE_VERIFICATION_FAILED: {
    httpStatus: 401,
    category: "crypto",
    meaning: "The signature does not verify for this message and public key.",
    fix: "Sign the exact message bytes with the private key of the registered public key.",
  },
  KEY_GENERATION_FAILED: {
    httpStatus: 500,
    category: "crypto",
    meaning: "The platform failed to generate or validate a key pair.",
    fix: "Check the platform with checkBrowserCompatibility(); retry.",
  },
  SIGNING_FAILED: {
    httpStatus: 500,
    category: "crypto",
    meaning: "The platform failed to produce a signature.",
    fix: "Check that the private key is a valid 32-byte seed; retry.",
  },
  UNSUPPORTED_ALGORITHM: {
    httpStatus: 400,
    category: "crypto",
    meaning: "A KDF, cipher or hash is not one this version supports.",
    fix: "Use one of the documented algorithms (argon2id, scrypt, pbkdf2, HKDF; xchacha20-poly1305, chacha20-poly1305, aes-gcm; SHA-256, SHA-384, SHA-512).",
  },
  KDF_PARAMS_UNSAFE: {
    httpStatus: 400,
    category: "crypto",
    meaning: "KDF parameters are below the safety floor, or so costly that they would take more than a few seconds or 1 GiB.",
    fix: "Use the documented defaults or parameters within the documented bounds.",
  },
  KEY_DERIVATION_FAILED: {
    httpStatus: 500,
    category: "crypto",
    meaning: "A key derivation function failed on the platform.",
    fix: "Check available memory for memory-hard KDFs; retry.",
  },
  DECRYPTION_FAILED: {
    httpStatus: 400,
    category: "crypto",
    meaning: "Decryption failed: the passphrase is wrong or the data was altered. The two are not told apart.",
    fix: "Check the passphrase; if it is right, restore from another copy.",
  },
  INTEGRITY_CHECK_FAILED: {
    httpStatus: 400,
    category: "crypto",
    meaning: "The decrypted public key does not match the one derived from the private key.",
    fix: "The backup or key file is corrupt or forged; restore from another copy.",
  },
  WEBCRYPTO_NOT_AVAILABLE: {
    httpStatus: 500,
    category: "platform",
    meaning: "The WebCrypto API (crypto.subtle) is missing.",
    fix: "Use a current browser over HTTPS or localhost, or Node.js 20 or later.",
  },
  SECURE_RANDOM_NOT_AVAILABLE: {
    httpStatus: 500,
    category: "platform",
    meaning: "crypto.getRandomValues is missing.",
    fix: "Use a platform with a secure random source.",
  },
  UNSUPPORTED_PLATFORM: {
    httpStatus: 500,
    category: "platform",
    meaning: "The platform lacks a feature this operation needs.",
    fix: "The message names the feature; run checkBrowserCompatibility() for the full list.",
  },
  INVALID_BACKUP_JSON: {
    httpStatus: 400,
    category: "backup",
    meaning: "The backup is not valid JSON or a required field is missing or malformed.",
    fix: "The message names the field; check the file was copied whole.",
  },
  UNSUPPORTED_BACKUP_VERSION: {
    httpStatus: 400,
    category: "backup",
    meaning: "The backup declares a format version this SDK does not read.",
    fix: "Upgrade the SDK or export the key again in version 1.",
  },
  KEY_NOT_FOUND: {
    httpStatus: 404,
    category: "storage",
    meaning: "No key is stored under this id.",
    fix: "Check the key id; list stored keys to see what exists.",
  },
  KEY_ALREADY_EXISTS: {
    httpStatus: 409,
    category: "storage",
    meaning: "A key is already stored under this id.",
    fix: "Choose another id, or pass the overwrite option.",
  },
  STORAGE_QUOTA_EXCEEDED: {
    httpStatus: 507,
    category: "storage",
    meaning: "The storage quota is exhausted.",
    fix: "Delete unused keys or versions, or ask the browser for persistent storage.",
  },
  INDEXEDDB_NOT_SUPPORTED: {
    httpStatus: 500,
    category: "storage",
    meaning: "IndexedDB is not available (for example in some private browsing modes).",
    fix: "Use the in-memory store, or a normal browsing window.",
  },
  STORAGE_UNAVAILABLE: {
    httpStatus: 500,
    category: "storage",
    meaning: "The key store cannot be opened.",
    fix: "Check the storage path or browser settings; the message says why.",
  },
  STORAGE_CORRUPTED: {
    httpStatus: 500,
    category: "storage",
    meaning: "A stored key file is unreadable or not a DataFold key file.",
    fix: "The message names the file; restore it from a backup or remove it.",
  },
  PERMISSION_DENIED: {
    httpStatus: 403,
    category: "storage",
    meaning: "The key store or a key file is not accessible, or has permissions that expose it to others.",
    fix: "Fix ownership and permissions (directory 0700, files 0600).",
  },
  STORAGE_LOCKED: {
    httpStatus: 409,
    category: "storage",
    meaning: "Another process holds the lock on this key.",
    fix: "Retry when the other operation has finished.",
  },
  CLIENT_NOT_FOUND: {
    httpStatus: 404,
    category: "server",
    meaning: "No registration exists for this client id.",
    fix: "Register the public key first, or check the client id.",
  },
  CLIENT_ALREADY_REGISTERED: {
    httpStatus: 409,
    category: "server",
    meaning: "The client already has an active key.",
    fix: "Rotate the client's key instead of registering again, or use another client id.",
  },
  DUPLICATE_PUBLIC_KEY: {
    httpStatus: 409,
    category: "server",
    meaning: "This public key is already registered, under some client.",
    fix: "Generate a new key pair for each client.",
  },
  KEY_NOT_ACTIVE: {
    httpStatus: 403,
    category: "server",
    meaning: "The client's key is revoked or superseded.",
    fix: "Register or rotate to a new key.",
  },
  RATE_LIMITED: {
    httpStatus: 429,
    category: "server",
    meaning: "Too many requests.",
    fix: "Wait for the number of seconds in Retry-After, then retry.",
  },
  PAYLOAD_TOO_LARGE: {
    httpStatus: 413,
    category: "server",
    meaning: "The request body is larger than the server accepts.",
    fix: "Send a smaller body; messages to verify are limited in size.",
  },
  UNAUTHORIZED: {
    httpStatus: 401,
    category: "server",
    meaning: "The request needs a valid admin or auditor token.",
    fix: "Send Authorization: Bearer <token> with a token from 'datafold-server token create'.",
  },
  FORBIDDEN: {
    httpStatus: 403,
    category: "server",
    meaning: "The token's role may not perform this action.",
    fix: "Use a token with the admin role.",
  },
  NOT_FOUND: {
    httpStatus: 404,
    category: "server",
    meaning: "No such route.",
    fix: "Check the path and method against /openapi.json.",
  },
  METHOD_NOT_ALLOWED: {
    httpStatus: 405,
    category: "server",
    meaning: "The route exists, but not for this HTTP method.",
    fix: "Use a method the Allow header lists.",
  },
  REQUEST_TIMEOUT: {
    httpStatus: 408,
    category: "server",
    meaning: "The request's headers or body did not arrive within the server's header or body timeout; the server closed the connection.",
    fix: "Send the whole request promptly. Operators: --header-timeout (default 10s) and --body-timeout (default 30s) set the limits.",
  },
  HEADERS_TOO_LARGE: {
    httpStatus: 431,
    category: "server",
    meaning: "The request's headers are larger than the server accepts.",
    fix: "Send fewer or smaller headers (cookies are the usual cause).",
  },
  TOKEN_NOT_FOUND: {
    httpStatus: 404,
    category: "server",
    meaning: "No admin token has this id.",
    fix: "List token ids with 'datafold-server token list --all' or GET /api/admin/tokens; a token id is a UUID, not the token itself.",
  },
  INTERNAL_ERROR: {
    httpStatus: 500,
    category: "server",
    meaning: "The server failed unexpectedly. Details are in the server log, not in the response.",
    fix: "Retry; if it persists, report it with the request id.",
  },
  SERVICE_UNAVAILABLE: {
    httpStatus: 503,
    category: "server",
    meaning: "The server or its database is not ready.",
    fix: "Retry shortly; check /api/health.",
  },
  DATABASE_UNAVAILABLE: {
    httpStatus: 503,
    category: "server",
    meaning: "The server's database is unreachable, busy or out of space; the server itself is up and recovers by itself when the database does.",
    fix: "Retry after the Retry-After seconds. A change whose commit was cut off may have landed: its retry then answers 409 (CLIENT_ALREADY_REGISTERED, REPLAY_DETECTED). Operators: /api/health and datafold_database_up say why.",
  },
  DATA_DIR_LOCKED: {
    httpStatus: 409,
    category: "server",
    meaning: "Another datafold-server process holds the SQLite data directory; one process per directory keeps every cache and the audit chain consistent.",
    fix: "Stop the process the message names, or give this one its own --data-dir. Many instances share one PostgreSQL (DATABASE_URL) instead.",
  },
  INVALID_STATEMENT: {
    httpStatus: 400,
    category: "server",
    meaning: "A signed statement (registration proof, revocation, rotation) has a missing or malformed field: timestamp, nonce, reason or action.",
    fix: "Build the statement as spec/http-statements.md says: RFC 3339 UTC timestamp with milliseconds and Z, 32-64 lowercase hex nonce, reason without control characters.",
  },
  STATEMENT_EXPIRED: {
    httpStatus: 401,
    category: "server",
    meaning: "A signed statement's timestamp is more than 5 minutes away from the server's clock.",
    fix: "Sign a fresh statement with the current UTC time; check the client's clock.",
  },
  REPLAY_DETECTED: {
    httpStatus: 409,
    category: "server",
    meaning: "A signed statement's nonce was already accepted for this client.",
    fix: "Use a fresh random nonce for every statement.",
  },
  PROOF_REQUIRED: {
    httpStatus: 400,
    category: "server",
    meaning: "This server requires proof of possession on registration, and the request carried none.",
    fix: "Send a proof object: a signature by the new key over the canonical registration statement (spec/http-statements.md).",
  },
  INVALID_PROOF: {
    httpStatus: 401,
    category: "server",
    meaning: "A proof-of-possession signature does not verify for the statement and key it names.",
    fix: "Sign the exact canonical statement bytes with the private key of the public key being registered or rotated to.",
  },
  NETWORK_ERROR: {
    httpStatus: 503,
    category: "client",
    meaning: "The server could not be reached.",
    fix: "Check the server URL and that the server is running.",
  },
  TIMEOUT: {
    httpStatus: 504,
    category: "client",
    meaning: "The server did not answer in time.",
    fix: "Retry, or raise the timeout.",
  },
  INVALID_RESPONSE: {
    httpStatus: 502,
    category: "client",
    meaning: "The server's answer is not in the DataFold envelope.",
    fix: "Check the URL points at a DataFold server.",
  },
  CRYPTO_NOT_INITIALIZED: {
    httpStatus: 500,
    category: "cli",
    meaning: "The CLI's crypto system has not been set up.",
    fix: "Run 'datafold_cli crypto init'.",
  },
  INVALID_CONFIG: {
    httpStatus: 500,
    category: "cli",
    meaning: "The configuration file or a configuration value is invalid.",
    fix: "Run 'datafold_cli crypto validate-config' and fix what it names.",
  },
  FILE_NOT_FOUND: {
    httpStatus: 404,
    category: "cli",
    meaning: "A file named on the command line does not exist.",
    fix: "Check the path.",
  },
  INTERRUPTED: {
    httpStatus: 500,
    category: "cli",
    meaning: "The command was interrupted (Ctrl-C) before it finished; every write is atomic, so nothing is half-written.",
    fix: "Run the command again.",
  },
  CRYPTOGRAPHY_NOT_AVAILABLE: {
    httpStatus: 500,
    category: "python",
    meaning: "The Python 'cryptography' package is missing or too old.",
    fix: "pip install 'cryptography>=44'.",
  },
  KEYRING_NOT_FUNCTIONAL: {
    httpStatus: 500,
    category: "python",
    meaning: "The OS keyring is absent or broken; file storage is used instead.",
    fix: "Install and unlock a keyring backend, or use file storage.",
  },
} as const satisfies Record<string, ErrorCodeInfo>;

/** A code from the registry. */
export type ErrorCode = keyof typeof ERROR_REGISTRY;
