import type { SigningKeyPair } from '../keys/types.js';

/** Settings of {@link createServerIntegration}. */
export interface ServerConfig {
  /** The server, e.g. `http://localhost:9001` (http or https; a trailing slash is ignored). */
  baseUrl: string;
  /** Per-attempt timeout in ms (default 30000). */
  timeout?: number;
  /** Attempts after the first on network errors, timeouts, 5xx and 429 (default 3). */
  retries?: number;
  /** First backoff step in ms (default 250); each retry doubles it, with jitter. */
  retryDelayMs?: number;
  /** Longest pause between attempts in ms (default 30000); a longer Retry-After fails at once. */
  maxRetryDelayMs?: number;
  /** The fetch to use (default globalThis.fetch). */
  fetch?: typeof fetch;
  /** Extra headers on every request (e.g. Authorization for admin-token rotation). */
  headers?: Record<string, string>;
  /** Called before each retry: attempt number, delay, and the failure's code and status. */
  onRetry?: (event: RetryEvent) => void;
}

/** One retry about to happen. */
export interface RetryEvent {
  /** The attempt that failed (1 for the first). */
  attempt: number;
  delayMs: number;
  code: string;
  httpStatus?: number;
  path: string;
}

/** The answer of `testConnection`; it never throws for an unreachable server. */
export interface ConnectionResult {
  connected: boolean;
  /** Round-trip time of the status request in ms. */
  latency: number;
  serverStatus?: string;
  serverVersion?: string;
  algorithm?: string;
  /** Why not connected: `CODE: message`. */
  error?: string;
}

/** A registration as the server answers it (`POST /api/crypto/keys/register`, 201). */
export interface PublicKeyRegistration {
  registrationId: string;
  clientId: string;
  /** Lowercase hex. */
  publicKey: string;
  keyName: string | null;
  registeredAt: string;
  status: 'active' | 'revoked' | 'superseded';
}

/** `GET /api/crypto/keys/status/{client_id}`: the registration and when its key was last used. */
export interface RegistrationStatus extends PublicKeyRegistration {
  lastUsed: string | null;
}

/** Options of `registerKeyPair`. */
export interface RegistrationOptions {
  /** Omit to let the server assign `client_` + a UUID. */
  clientId?: string;
  userId?: string;
  keyName?: string;
  metadata?: Record<string, unknown>;
  /** Send proof of possession (spec/http-statements.md §6); default true. */
  proof?: boolean;
  signal?: AbortSignal;
}

/** Message encodings the server decodes before verifying. */
export type MessageEncoding = 'utf8' | 'hex' | 'base64';

/** Options of `generateSignature`. */
export interface SignatureOptions {
  /** How `message` is to be read: UTF-8 text (default), hex or base64 bytes. */
  messageEncoding?: MessageEncoding;
}

/** A signature made locally, ready for `verifySignature`. */
export interface SignatureResult {
  /** 128 lowercase hex characters. */
  signature: string;
  message: string;
  messageEncoding: MessageEncoding;
  /** Hex of the signer's public key. */
  publicKey: string;
}

/** The request of `verifySignature`. */
export interface VerificationRequest {
  clientId: string;
  message: string;
  /** Hex string or 64 bytes. */
  signature: string | Uint8Array;
  messageEncoding?: MessageEncoding;
  metadata?: Record<string, unknown>;
  signal?: AbortSignal;
}

/**
 * What the server said of a signature (`POST /api/crypto/signatures/verify`): `verified: true`
 * with the registered key (200), or `verified: false` when the server answered that the signature
 * does not verify (its 401 SIGNATURE_VERIFICATION_FAILED). Every other failure (unknown client,
 * revoked key, malformed input, network) still throws. Check `verified`: a result is not a yes.
 */
export type SignatureVerificationResult = VerifiedSignature | RejectedSignature;

/** The server verified the signature against the client's registered key. */
export interface VerifiedSignature {
  verified: true;
  clientId: string;
  /** The registered public key that verified it (lowercase hex). */
  publicKey: string;
  /** The server's time of the verification. */
  verifiedAt: string;
  /** SHA-256 of the decoded message bytes, hex. */
  messageHash: string;
}

/** The server answered that the signature does not verify for the message and the client's key. */
export interface RejectedSignature {
  verified: false;
  clientId: string;
  publicKey: null;
  /** When the refusal arrived (this side's clock: the server's error carries no time). */
  verifiedAt: string;
  /** SHA-256 of the decoded message bytes, hex, computed here as the server does. */
  messageHash: string;
  /** The server's code and explanation. */
  error: { code: 'SIGNATURE_VERIFICATION_FAILED'; message: string };
}

/** Options of `registerAndVerifyWorkflow`. */
export interface WorkflowOptions extends RegistrationOptions {
  messageEncoding?: MessageEncoding;
}

/** The three steps of `registerAndVerifyWorkflow`. */
export interface WorkflowResult {
  registration: PublicKeyRegistration;
  signature: SignatureResult;
  verification: SignatureVerificationResult;
}

/** The request of `rotateRegistration`: signed by the active key, and by the new key. */
export interface RotateRegistrationRequest {
  clientId: string;
  /** The client's active key pair (a seed or a CryptoKey pair): signs the statement. */
  currentKeyPair: SigningKeyPair;
  newKeyPair: SigningKeyPair;
  reason?: string;
  /** Also sign with the new key (`new_key_signature`); default true. */
  proveNewKey?: boolean;
  signal?: AbortSignal;
}

/** `POST /api/crypto/keys/rotate`, 200: the new active registration. */
export interface RotationRegistration {
  clientId: string;
  registrationId: string;
  publicKey: string;
  status: 'active';
  registeredAt: string;
  previousRegistrationId: string;
  previousPublicKey: string;
}

/** The request of `revokeRegistration`, signed by the active key. */
export interface RevokeRegistrationRequest {
  clientId: string;
  /** The active key pair: a seed or a CryptoKey pair. */
  keyPair: SigningKeyPair;
  reason?: string;
  signal?: AbortSignal;
}

/** `POST /api/crypto/keys/revoke`, 200. */
export interface RevocationResult {
  clientId: string;
  registrationId: string;
  publicKey: string;
  status: 'revoked';
  revokedAt: string;
  reason: string | null;
}
