import type { ErrorCode, RequestSignatureErrorCode } from '@datafold/js-sdk';

/**
 * The exit codes of datafold_cli (spec/cli-exit-codes.md). 0-7 are the seed's; 8 is ours, so a
 * script can tell "the signature is bad" (or a signed request was refused) from "something went
 * wrong"; 130 is the shell's convention for SIGINT (128 + 2).
 */
export const EXIT = {
  SUCCESS: 0,
  GENERAL: 1,
  INVALID_ARGUMENTS: 2,
  CONFIGURATION: 3,
  NOT_INITIALIZED: 4,
  KEY_NOT_FOUND: 5,
  NETWORK: 6,
  PERMISSION_DENIED: 7,
  SIGNATURE_INVALID: 8,
  INTERRUPTED: 130,
} as const;

/**
 * The refusals of a signed request (spec/http-message-signatures-v1.md §4) as `request` meets
 * them in an answer: the signature was refused (8), or the verifier's replay store was down, a
 * server fault to retry (6). Typed by the SDK's list, so a new refusal code does not compile
 * until it has an exit code here.
 */
const SIGNED_REQUEST_REFUSALS = {
  REQUEST_SIGNATURE_MISSING: EXIT.SIGNATURE_INVALID,
  REQUEST_SIGNATURE_MALFORMED: EXIT.SIGNATURE_INVALID,
  REQUEST_SIGNATURE_INSUFFICIENT_COVERAGE: EXIT.SIGNATURE_INVALID,
  REQUEST_SIGNATURE_NOT_YET_VALID: EXIT.SIGNATURE_INVALID,
  REQUEST_SIGNATURE_EXPIRED: EXIT.SIGNATURE_INVALID,
  REQUEST_SIGNATURE_TOO_OLD: EXIT.SIGNATURE_INVALID,
  CONTENT_DIGEST_MISMATCH: EXIT.SIGNATURE_INVALID,
  REQUEST_SIGNATURE_UNKNOWN_KEY: EXIT.SIGNATURE_INVALID,
  REQUEST_SIGNATURE_INACTIVE_KEY: EXIT.SIGNATURE_INVALID,
  REQUEST_SIGNATURE_INVALID: EXIT.SIGNATURE_INVALID,
  REQUEST_SIGNATURE_REPLAYED: EXIT.SIGNATURE_INVALID,
  REPLAY_STORE_UNAVAILABLE: EXIT.NETWORK,
} as const satisfies Record<RequestSignatureErrorCode, number>;

const BY_CODE: Partial<Record<ErrorCode, number>> = {
  ...SIGNED_REQUEST_REFUSALS,
  INVALID_ARGUMENT: EXIT.INVALID_ARGUMENTS,
  INVALID_REQUEST: EXIT.INVALID_ARGUMENTS,
  INVALID_KEY_FORMAT: EXIT.INVALID_ARGUMENTS,
  UNSUPPORTED_KEY_TYPE: EXIT.INVALID_ARGUMENTS,
  UNSUPPORTED_FORMAT: EXIT.INVALID_ARGUMENTS,
  INVALID_PRIVATE_KEY: EXIT.INVALID_ARGUMENTS,
  INVALID_PUBLIC_KEY: EXIT.INVALID_ARGUMENTS,
  INVALID_SIGNATURE: EXIT.INVALID_ARGUMENTS,
  INVALID_MESSAGE: EXIT.INVALID_ARGUMENTS,
  INVALID_ENCODING: EXIT.INVALID_ARGUMENTS,
  INVALID_CLIENT_ID: EXIT.INVALID_ARGUMENTS,
  INVALID_KEY_ID: EXIT.INVALID_ARGUMENTS,
  WEAK_PASSPHRASE: EXIT.INVALID_ARGUMENTS,
  UNSUPPORTED_ALGORITHM: EXIT.INVALID_ARGUMENTS,
  INVALID_CONFIG: EXIT.CONFIGURATION,
  CRYPTO_NOT_INITIALIZED: EXIT.NOT_INITIALIZED,
  KEY_NOT_FOUND: EXIT.KEY_NOT_FOUND,
  FILE_NOT_FOUND: EXIT.KEY_NOT_FOUND,
  CLIENT_NOT_FOUND: EXIT.KEY_NOT_FOUND,
  NETWORK_ERROR: EXIT.NETWORK,
  TIMEOUT: EXIT.NETWORK,
  INVALID_RESPONSE: EXIT.NETWORK,
  SERVICE_UNAVAILABLE: EXIT.NETWORK,
  DATABASE_UNAVAILABLE: EXIT.NETWORK,
  RATE_LIMITED: EXIT.NETWORK,
  PERMISSION_DENIED: EXIT.PERMISSION_DENIED,
  SIGNATURE_VERIFICATION_FAILED: EXIT.SIGNATURE_INVALID,
  INTERRUPTED: EXIT.INTERRUPTED,
};

/**
 * The exit code for an error code; anything not listed is a general error (1).
 *
 * @example
 * exitCodeFor('KEY_NOT_FOUND'); // 5
 */
export function exitCodeFor(code: string): number {
  return BY_CODE[code as ErrorCode] ?? EXIT.GENERAL;
}

/** Statuses that say "the server cannot answer now, try again": the network class (6). */
const RETRY_LATER = new Set([429, 502, 503, 504]);

/**
 * The exit code of `request` for an answer (spec/cli-exit-codes.md §1.1): 0 for 2xx; the code of
 * a signed-request refusal the answer carries (8, or 6 for REPLAY_STORE_UNAVAILABLE); 6 for 429,
 * 502, 503 and 504; 1 for any other status. Other registry codes in an answer are the remote
 * application's and do not change it: a 400 INVALID_ARGUMENT from an API is not a mistake on this
 * command line (2).
 *
 * @example
 * exitCodeForAnswer(401, 'REQUEST_SIGNATURE_REPLAYED'); // 8
 * exitCodeForAnswer(404, undefined); // 1
 */
export function exitCodeForAnswer(status: number, code: string | undefined): number {
  if (status >= 200 && status <= 299) return EXIT.SUCCESS;
  if (code !== undefined && Object.hasOwn(SIGNED_REQUEST_REFUSALS, code)) {
    return SIGNED_REQUEST_REFUSALS[code as RequestSignatureErrorCode];
  }
  return RETRY_LATER.has(status) ? EXIT.NETWORK : EXIT.GENERAL;
}
