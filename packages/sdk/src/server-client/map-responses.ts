import { ServerIntegrationError } from '../errors/datafold-error.js';
import type {
  PublicKeyRegistration,
  RegistrationStatus,
  RevocationResult,
  RotationRegistration,
  SignatureVerificationResult,
} from './types.js';

// The server's snake_case `data` objects (WIRE-PROTOCOL.md, spec/http-statements.md §5) mapped to
// the SDK's camelCase types, checking each member's type so a wrong server is INVALID_RESPONSE
// rather than undefined fields deep in the caller's code.

type Data = Record<string, unknown>;

/** The `data` of a success envelope, or INVALID_RESPONSE. */
export function successData(body: unknown, path: string): Data {
  const envelope = body as { success?: unknown; data?: unknown };
  if (
    typeof envelope !== 'object' ||
    envelope === null ||
    envelope.success !== true ||
    typeof envelope.data !== 'object' ||
    envelope.data === null
  ) {
    throw invalid(path, 'the success envelope');
  }
  return envelope.data as Data;
}

function invalid(path: string, what: string): ServerIntegrationError {
  return new ServerIntegrationError(
    'INVALID_RESPONSE',
    `The answer of ${path} lacks ${what}: is the base URL a DataFold server?`,
    { details: { path, member: what } },
  );
}

function text(data: Data, name: string, path: string): string {
  const value = data[name];
  if (typeof value !== 'string') throw invalid(path, name);
  return value;
}

function nullableText(data: Data, name: string, path: string): string | null {
  const value = data[name];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw invalid(path, name);
  return value;
}

/** 201 of register. */
export function toRegistration(data: Data, path: string): PublicKeyRegistration {
  return {
    registrationId: text(data, 'registration_id', path),
    clientId: text(data, 'client_id', path),
    publicKey: text(data, 'public_key', path),
    keyName: nullableText(data, 'key_name', path),
    registeredAt: text(data, 'registered_at', path),
    status: text(data, 'status', path) as PublicKeyRegistration['status'],
  };
}

/** 200 of status. */
export function toStatus(data: Data, path: string): RegistrationStatus {
  return { ...toRegistration(data, path), lastUsed: nullableText(data, 'last_used', path) };
}

/** 200 of verify. */
export function toVerification(data: Data, path: string): SignatureVerificationResult {
  if (data.verified !== true) throw invalid(path, 'verified: true');
  return {
    verified: true,
    clientId: text(data, 'client_id', path),
    publicKey: text(data, 'public_key', path),
    verifiedAt: text(data, 'verified_at', path),
    messageHash: text(data, 'message_hash', path),
  };
}

/** 200 of rotate. */
export function toRotation(data: Data, path: string): RotationRegistration {
  return {
    clientId: text(data, 'client_id', path),
    registrationId: text(data, 'registration_id', path),
    publicKey: text(data, 'public_key', path),
    status: 'active',
    registeredAt: text(data, 'registered_at', path),
    previousRegistrationId: text(data, 'previous_registration_id', path),
    previousPublicKey: text(data, 'previous_public_key', path),
  };
}

/** 200 of revoke. */
export function toRevocation(data: Data, path: string): RevocationResult {
  return {
    clientId: text(data, 'client_id', path),
    registrationId: text(data, 'registration_id', path),
    publicKey: text(data, 'public_key', path),
    status: 'revoked',
    revokedAt: text(data, 'revoked_at', path),
    reason: nullableText(data, 'reason', path),
  };
}
