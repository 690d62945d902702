import { base64ToBytes } from '../encoding/base64.js';
import { isBytes } from '../encoding/bytes.js';
import { bytesToHex, hexToBytes } from '../encoding/hex.js';
import { utf8ToBytes } from '../encoding/utf8.js';
import {
  isDataFoldError,
  ServerIntegrationError,
  ValidationError,
} from '../errors/datafold-error.js';
import { getPublicKey } from '../keys/get-public-key.js';
import type { Ed25519KeyPair, SigningKeyPair } from '../keys/types.js';
import { getSubtle, randomUuid, toBufferSource } from '../platform/webcrypto.js';
import { debugLog } from '../utils/debug-log.js';
import { sign } from '../signatures/sign.js';
import { sendRequest, type TransportRequest, type TransportSettings } from './http-transport.js';
import {
  successData,
  toRegistration,
  toRevocation,
  toRotation,
  toStatus,
  toVerification,
} from './map-responses.js';
import { resolveServerConfig } from './server-config.js';
import { assertClientId, signStatement, statementFreshness } from './signed-statement.js';
import { assertSigningKeyPair } from './signing-key-pair.js';
import type {
  ConnectionResult,
  MessageEncoding,
  PublicKeyRegistration,
  RegistrationOptions,
  RegistrationStatus,
  RevocationResult,
  RevokeRegistrationRequest,
  RotateRegistrationRequest,
  RotationRegistration,
  ServerConfig,
  SignatureOptions,
  SignatureResult,
  SignatureVerificationResult,
  VerificationRequest,
  WorkflowOptions,
  WorkflowResult,
} from './types.js';

/** The client of a DataFold server (WIRE-PROTOCOL.md and spec/http-statements.md). */
export interface ServerIntegration {
  readonly baseUrl: string;
  testConnection(): Promise<ConnectionResult>;
  registerKeyPair(
    keyPair: SigningKeyPair,
    options?: RegistrationOptions,
  ): Promise<PublicKeyRegistration>;
  checkRegistrationStatus(clientId: string, signal?: AbortSignal): Promise<RegistrationStatus>;
  generateSignature(
    message: string,
    privateKey: Uint8Array,
    options?: SignatureOptions,
  ): Promise<SignatureResult>;
  verifySignature(request: VerificationRequest): Promise<SignatureVerificationResult>;
  registerAndVerifyWorkflow(
    keyPair: Ed25519KeyPair,
    message: string,
    options?: WorkflowOptions,
  ): Promise<WorkflowResult>;
  rotateRegistration(request: RotateRegistrationRequest): Promise<RotationRegistration>;
  revokeRegistration(request: RevokeRegistrationRequest): Promise<RevocationResult>;
}

const ENCODINGS: readonly MessageEncoding[] = ['utf8', 'hex', 'base64'];

/**
 * A client for a DataFold server over `fetch`: registration with proof of possession, status,
 * verification, and rotation and revocation signed by the key. Network errors, timeouts, 5xx and
 * 429 are retried with exponential backoff and jitter (Retry-After honoured); other 4xx are not.
 * Failures are ServerIntegrationError with the server's code and HTTP status.
 *
 * @example
 * const integration = createServerIntegration({ baseUrl: 'http://localhost:9001', retries: 3 });
 * const { registration, verification } = await integration.registerAndVerifyWorkflow(
 *   keyPair, 'Hello, DataFold!', { clientId: 'my_app_client', keyName: 'Application Key' });
 */
export function createServerIntegration(config: ServerConfig): ServerIntegration {
  const settings: TransportSettings = resolveServerConfig(config);

  async function call(request: TransportRequest): Promise<Record<string, unknown>> {
    const { body } = await sendRequest(settings, request);
    return successData(body, request.path);
  }

  const integration: ServerIntegration = {
    baseUrl: settings.baseUrl,

    async testConnection() {
      const started = performance.now();
      try {
        const data = await call({ method: 'GET', path: '/api/crypto/status', retries: 0 });
        const latency = Math.round((performance.now() - started) * 100) / 100;
        return {
          connected: true,
          latency,
          ...(typeof data.status === 'string' ? { serverStatus: data.status } : {}),
          ...(typeof data.version === 'string' ? { serverVersion: data.version } : {}),
          ...(typeof data.algorithm === 'string' ? { algorithm: data.algorithm } : {}),
        };
      } catch (error) {
        if (!isDataFoldError(error)) throw error;
        const latency = Math.round((performance.now() - started) * 100) / 100;
        return { connected: false, latency, error: `${error.code}: ${error.message}` };
      }
    },

    async registerKeyPair(keyPair, options = {}) {
      await assertSigningKeyPair(keyPair);
      if (options.clientId !== undefined) assertClientId(options.clientId);
      const publicKey = bytesToHex(keyPair.publicKey);
      const body: Record<string, unknown> = {
        public_key: publicKey,
        ...(options.clientId === undefined ? {} : { client_id: options.clientId }),
        ...(options.userId === undefined ? {} : { user_id: options.userId }),
        ...(options.keyName === undefined ? {} : { key_name: options.keyName }),
        ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
      };
      if (options.proof !== false) {
        // spec/http-statements.md §6: the key being registered signs the register statement.
        const fresh = statementFreshness();
        const fields = {
          action: 'register' as const,
          clientId: options.clientId ?? '',
          publicKey,
          ...fresh,
        };
        body.proof = { signature: await signStatement(fields, keyPair.privateKey), ...fresh };
      }
      const path = '/api/crypto/keys/register';
      return toRegistration(
        await call({
          method: 'POST',
          path,
          body,
          ...(options.signal ? { signal: options.signal } : {}),
        }),
        path,
      );
    },

    async checkRegistrationStatus(clientId, signal) {
      if (typeof clientId !== 'string' || clientId.length === 0) {
        throw new ValidationError('INVALID_CLIENT_ID', 'clientId must be a non-empty string');
      }
      const path = `/api/crypto/keys/status/${encodeURIComponent(clientId)}`;
      return toStatus(await call({ method: 'GET', path, ...(signal ? { signal } : {}) }), path);
    },

    async generateSignature(message, privateKey, options = {}) {
      const encoding = options.messageEncoding ?? 'utf8';
      const bytes = decodeMessage(message, encoding);
      const signature = await sign(bytes, privateKey);
      return {
        signature: bytesToHex(signature),
        message,
        messageEncoding: encoding,
        publicKey: bytesToHex(await getPublicKey(privateKey)),
      };
    },

    async verifySignature(request) {
      if (typeof request !== 'object' || request === null) {
        throw new ValidationError(
          'INVALID_ARGUMENT',
          'request must be { clientId, message, signature }',
        );
      }
      const signature = isBytes(request.signature)
        ? bytesToHex(request.signature)
        : request.signature;
      const encoding = request.messageEncoding ?? 'utf8';
      if (!ENCODINGS.includes(encoding)) {
        throw new ValidationError(
          'INVALID_ENCODING',
          `messageEncoding must be one of ${ENCODINGS.join(', ')}`,
        );
      }
      // Shape errors are left to the server, whose check order (WIRE-PROTOCOL.md) is the contract.
      const path = '/api/crypto/signatures/verify';
      const body = {
        client_id: request.clientId,
        message: request.message,
        signature,
        message_encoding: encoding,
        ...(request.metadata === undefined ? {} : { metadata: request.metadata }),
      };
      try {
        return toVerification(
          await call({
            method: 'POST',
            path,
            body,
            ...(request.signal ? { signal: request.signal } : {}),
          }),
          path,
        );
      } catch (error) {
        // The one answer that is a result, not a failure: the signature does not verify.
        if (!isDataFoldError(error, 'SIGNATURE_VERIFICATION_FAILED')) throw error;
        if (!(error instanceof ServerIntegrationError) || !error.fromServer) throw error;
        return {
          verified: false,
          clientId: request.clientId,
          publicKey: null,
          verifiedAt: new Date().toISOString(),
          messageHash: await sha256Hex(decodeMessage(request.message, encoding)),
          error: { code: 'SIGNATURE_VERIFICATION_FAILED', message: error.message },
        };
      }
    },

    async registerAndVerifyWorkflow(keyPair, message, options = {}) {
      // The client id is fixed before the request, so a retry after a lost answer, or after a
      // failed verification, can ask the server whether this key already holds it.
      const clientId = options.clientId ?? newClientId();
      const registration = await registerOrConfirm(integration, keyPair, {
        ...options,
        clientId,
      });
      const encoding = options.messageEncoding ?? 'utf8';
      const signature = await integration.generateSignature(message, keyPair.privateKey, {
        messageEncoding: encoding,
      });
      const verification = await integration.verifySignature({
        clientId: registration.clientId,
        message,
        signature: signature.signature,
        messageEncoding: encoding,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return { registration, signature, verification };
    },

    async rotateRegistration(request) {
      if (typeof request !== 'object' || request === null) {
        throw new ValidationError(
          'INVALID_ARGUMENT',
          'request must be { clientId, currentKeyPair, newKeyPair }',
        );
      }
      assertClientId(request.clientId);
      await assertSigningKeyPair(request.currentKeyPair);
      await assertSigningKeyPair(request.newKeyPair);
      const fields = {
        action: 'rotate' as const,
        clientId: request.clientId,
        publicKey: bytesToHex(request.currentKeyPair.publicKey),
        newPublicKey: bytesToHex(request.newKeyPair.publicKey),
        reason: request.reason ?? '',
        ...statementFreshness(),
      };
      const body: Record<string, unknown> = {
        client_id: fields.clientId,
        new_public_key: fields.newPublicKey,
        reason: fields.reason,
        timestamp: fields.timestamp,
        nonce: fields.nonce,
        signature: await signStatement(fields, request.currentKeyPair.privateKey),
      };
      if (request.proveNewKey !== false) {
        body.new_key_signature = await signStatement(fields, request.newKeyPair.privateKey);
      }
      const path = '/api/crypto/keys/rotate';
      return toRotation(
        await call({
          method: 'POST',
          path,
          body,
          ...(request.signal ? { signal: request.signal } : {}),
        }),
        path,
      );
    },

    async revokeRegistration(request) {
      if (typeof request !== 'object' || request === null) {
        throw new ValidationError('INVALID_ARGUMENT', 'request must be { clientId, keyPair }');
      }
      assertClientId(request.clientId);
      await assertSigningKeyPair(request.keyPair);
      const fields = {
        action: 'revoke' as const,
        clientId: request.clientId,
        publicKey: bytesToHex(request.keyPair.publicKey),
        reason: request.reason ?? '',
        ...statementFreshness(),
      };
      const body = {
        client_id: fields.clientId,
        reason: fields.reason,
        timestamp: fields.timestamp,
        nonce: fields.nonce,
        signature: await signStatement(fields, request.keyPair.privateKey),
      };
      const path = '/api/crypto/keys/revoke';
      return toRevocation(
        await call({
          method: 'POST',
          path,
          body,
          ...(request.signal ? { signal: request.signal } : {}),
        }),
        path,
      );
    },
  };
  return integration;
}

/** Codes after which the server may hold this registration already: ask it. */
const UNSURE = new Set(['CLIENT_ALREADY_REGISTERED', 'NETWORK_ERROR', 'TIMEOUT']);

/** A client id in the form the server assigns: `client_` + a random UUIDv4. */
function newClientId(): string {
  return `client_${randomUuid()}`;
}

/**
 * Registers `keyPair` as `options.clientId`, or confirms an earlier registration of the same key:
 * when the answer leaves the outcome open (lost, 5xx) or says the client is taken, the server's
 * status decides. So running the workflow again after any failure continues where it stopped
 * instead of failing with CLIENT_ALREADY_REGISTERED.
 */
async function registerOrConfirm(
  integration: ServerIntegration,
  keyPair: Ed25519KeyPair,
  options: RegistrationOptions & { clientId: string },
): Promise<PublicKeyRegistration> {
  try {
    return await integration.registerKeyPair(keyPair, options);
  } catch (error) {
    if (!(error instanceof ServerIntegrationError)) throw error;
    if (!UNSURE.has(error.code) && error.httpStatus < 500) throw error;
    let status: RegistrationStatus;
    try {
      status = await integration.checkRegistrationStatus(options.clientId, options.signal);
    } catch {
      throw error;
    }
    if (status.status !== 'active' || status.publicKey !== bytesToHex(keyPair.publicKey)) {
      throw error;
    }
    debugLog('server.registration-confirmed', { clientId: options.clientId });
    const { lastUsed: _lastUsed, ...registration } = status;
    void _lastUsed;
    return registration;
  }
}

async function sha256Hex(message: string | Uint8Array): Promise<string> {
  const bytes = typeof message === 'string' ? utf8ToBytes(message) : message;
  return bytesToHex(new Uint8Array(await getSubtle().digest('SHA-256', toBufferSource(bytes))));
}

function decodeMessage(message: string, encoding: MessageEncoding): string | Uint8Array {
  if (typeof message !== 'string' || message.length === 0) {
    throw new ValidationError('INVALID_MESSAGE', 'message must be a non-empty string');
  }
  switch (encoding) {
    case 'utf8':
      return message;
    case 'hex':
      return hexToBytes(message, 'INVALID_MESSAGE', 'message');
    case 'base64':
      return base64ToBytes(message, 'INVALID_MESSAGE', 'message');
    default:
      throw new ValidationError(
        'INVALID_ENCODING',
        `messageEncoding must be one of ${ENCODINGS.join(', ')}`,
      );
  }
}
