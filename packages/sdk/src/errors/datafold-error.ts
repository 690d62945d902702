import { ERROR_REGISTRY, type ErrorCode } from './registry.js';

/**
 * The base of every error the SDK throws. `code` comes from the registry in `spec/errors.json`,
 * so callers branch on it, never on the message. Messages say what to fix and never contain key
 * material, passphrases or seeds.
 *
 * @example
 * try { parseKey(input, 'hex'); } catch (e) { if (isDataFoldError(e, 'INVALID_KEY_FORMAT')) ... }
 */
export class DataFoldError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  /**
   * `(code, message, details?, options?)`, or the API document's `(message, code, details?)`:
   * whichever of the first two arguments is a registry code is the code.
   *
   * @example
   * new StorageError('KEY_NOT_FOUND', 'No key "app"');
   * new StorageError('No key "app"', 'KEY_NOT_FOUND'); // the same error
   */
  constructor(
    code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  );
  constructor(message: string, code: ErrorCode, details?: Record<string, unknown>);
  constructor(
    first: string,
    second: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    const [code, message] = codeAndMessage(first, second);
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }

  /** The HTTP status the server answers this code with. */
  get httpStatus(): number {
    return ERROR_REGISTRY[this.code].httpStatus;
  }

  /** How to fix it, from the registry. */
  get fix(): string {
    return ERROR_REGISTRY[this.code].fix;
  }

  toJSON(): { code: ErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: { ...this.details } };
  }
}

/** Key generation, formats, signing and verification. */
export class Ed25519KeyError extends DataFoldError {}

/** Key derivation (HKDF, PBKDF2, scrypt, Argon2id). */
export class KeyDerivationError extends DataFoldError {}

/** Encrypted backups and key files. */
export class BackupError extends DataFoldError {}

/** Key storage (IndexedDB, files, memory). */
export class StorageError extends DataFoldError {}

/** Bad arguments that belong to no narrower family. */
export class ValidationError extends DataFoldError {}

/** Platform capabilities (WebCrypto, secure random, IndexedDB). */
export class PlatformError extends DataFoldError {}

/** What a {@link ServerIntegrationError} carries besides its code and message. */
export interface ServerIntegrationErrorOptions {
  /** The HTTP status the server answered; absent when no answer came (network, timeout). */
  httpStatus?: number;
  /** The server's `error.details`, or what the client knows (attempts, retryAfterMs, ...). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * A failure talking to a DataFold server: the server's own error code and HTTP status when it
 * answered with the error envelope (WIRE-PROTOCOL.md), or NETWORK_ERROR, TIMEOUT or
 * INVALID_RESPONSE when it did not answer usefully. `httpStatus` is what the server really sent;
 * for client-side failures it is the registry's status for the code.
 *
 * @example
 * try { await integration.verifySignature(request); }
 * catch (e) { if (e instanceof ServerIntegrationError && e.code === 'KEY_NOT_ACTIVE') ... }
 */
export class ServerIntegrationError extends DataFoldError {
  readonly #httpStatus: number | undefined;

  /**
   * `(code, message, options?)`, or the API document's `(message, code, details?)`.
   *
   * @example
   * new ServerIntegrationError('NETWORK_ERROR', 'cannot reach the server', { details: { url } });
   * new ServerIntegrationError('cannot reach the server', 'NETWORK_ERROR', { url }); // the same
   */
  constructor(code: ErrorCode, message: string, options?: ServerIntegrationErrorOptions);
  constructor(message: string, code: ErrorCode, details?: Record<string, unknown>);
  constructor(
    first: string,
    second: string,
    third?: ServerIntegrationErrorOptions | Record<string, unknown>,
  ) {
    const [code, message] = codeAndMessage(first, second);
    // In the document's order the third argument is the details themselves.
    const options: ServerIntegrationErrorOptions =
      code === first ? (third ?? {}) : { details: third ?? {} };
    super(
      code,
      message,
      options.details ?? {},
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.#httpStatus = options.httpStatus;
  }

  /** True when the server answered (as opposed to a network failure or timeout). */
  get fromServer(): boolean {
    return this.#httpStatus !== undefined;
  }

  override get httpStatus(): number {
    return this.#httpStatus ?? super.httpStatus;
  }

  override toJSON(): { code: ErrorCode; message: string; details: Record<string, unknown> } {
    return { ...super.toJSON(), details: { ...this.details, httpStatus: this.httpStatus } };
  }
}

/**
 * The code and the message of a constructor call in either order: ours `(code, message)` unless
 * only the second argument is a registry code, which is the document's `(message, code)`.
 */
function codeAndMessage(first: string, second: string): [ErrorCode, string] {
  const isCode = (value: string) => Object.hasOwn(ERROR_REGISTRY, value);
  return !isCode(first) && isCode(second)
    ? [second as ErrorCode, first]
    : [first as ErrorCode, second];
}

/** True when `error` is a DataFoldError, optionally with the given code. */
export function isDataFoldError(error: unknown, code?: ErrorCode): error is DataFoldError {
  return error instanceof DataFoldError && (code === undefined || error.code === code);
}
