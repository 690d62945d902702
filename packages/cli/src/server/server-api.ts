import {
  createServerIntegration,
  ServerIntegrationError,
  type Ed25519KeyPair,
  type PublicKeyRegistration,
  type RegistrationStatus,
  type RetryEvent,
  type RevocationResult,
  type RotationRegistration,
  type VerifiedSignature,
} from '@datafold/js-sdk';

/** Options of {@link createServerApi}. */
export interface ServerApiOptions {
  url: string;
  timeoutMs: number;
  retries: number;
  /** Told about each retry (the CLI says so on stderr). */
  onRetry?: (event: RetryEvent) => void;
}

/**
 * The SDK's server client (createServerIntegration) shaped for the CLI: register with a proof of
 * possession, status, verify, and revoke / rotate signed by the key (spec/http-statements.md).
 * Retries, timeouts and error codes are the SDK's: an unreachable server is NETWORK_ERROR naming
 * the URL (exit 6), the server's own errors keep their codes. Answers are the SDK's typed
 * results, checked by it; commands turn them into snake_case only to print (io/snake-case.ts).
 *
 * @example
 * const api = createServerApi({ url: 'http://localhost:9001', timeoutMs: 30000, retries: 3 });
 * const { status, lastUsed } = await api.status('my-app');
 */
export function createServerApi(options: ServerApiOptions) {
  const client = createServerIntegration({
    baseUrl: options.url,
    timeout: options.timeoutMs,
    retries: options.retries,
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  });
  const url = options.url.replace(/\/+$/, '');
  return {
    url,

    register(
      keyPair: Ed25519KeyPair,
      input: { clientId?: string; keyName?: string },
    ): Promise<PublicKeyRegistration> {
      return client.registerKeyPair(keyPair, { ...input, proof: true });
    },

    status(clientId: string): Promise<RegistrationStatus> {
      return client.checkRegistrationStatus(clientId);
    },

    async verify(input: {
      clientId: string;
      message: string;
      encoding: 'utf8' | 'hex' | 'base64';
      signature: Uint8Array;
    }): Promise<VerifiedSignature> {
      const result = await client.verifySignature({
        clientId: input.clientId,
        message: input.message,
        messageEncoding: input.encoding,
        signature: input.signature,
      });
      // The SDK answers a bad signature with verified: false; the CLI fails with exit 8.
      if (!result.verified) {
        throw new ServerIntegrationError('SIGNATURE_VERIFICATION_FAILED', result.error.message, {
          httpStatus: 401,
          details: { client_id: input.clientId },
        });
      }
      return result;
    },

    revoke(input: {
      clientId: string;
      keyPair: Ed25519KeyPair;
      reason: string;
    }): Promise<RevocationResult> {
      return client.revokeRegistration({
        clientId: input.clientId,
        keyPair: input.keyPair,
        reason: input.reason,
      });
    },

    rotate(input: {
      clientId: string;
      oldKeyPair: Ed25519KeyPair;
      newKeyPair: Ed25519KeyPair;
      reason: string;
    }): Promise<RotationRegistration> {
      return client.rotateRegistration({
        clientId: input.clientId,
        currentKeyPair: input.oldKeyPair,
        newKeyPair: input.newKeyPair,
        reason: input.reason,
        proveNewKey: true,
      });
    },
  };
}

export type ServerApi = ReturnType<typeof createServerApi>;
