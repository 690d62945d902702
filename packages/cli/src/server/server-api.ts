import {
  createServerIntegration,
  ServerIntegrationError,
  type Ed25519KeyPair,
  type RetryEvent,
} from '@datafold/js-sdk';

/** A server answer as the CLI reports it: snake_case, like the wire (WIRE-PROTOCOL.md). */
export type WireData = Record<string, unknown>;

/** Options of {@link createServerApi}. */
export interface ServerApiOptions {
  url: string;
  timeoutMs: number;
  retries: number;
  /** Told about each retry (the CLI says so on stderr). */
  onRetry?: (event: RetryEvent) => void;
}

/** `registeredAt` → `registered_at`, so --json output reads like the wire and the config. */
function snake(data: object): WireData {
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]),
  );
}

/**
 * The SDK's server client (createServerIntegration) shaped for the CLI: register with a proof of
 * possession, status, verify, and revoke / rotate signed by the key (spec/http-statements.md).
 * Retries, timeouts and error codes are the SDK's: an unreachable server is NETWORK_ERROR naming
 * the URL (exit 6), the server's own errors keep their codes.
 *
 * @example
 * const api = createServerApi({ url: 'http://localhost:9001', timeoutMs: 30000, retries: 3 });
 * const data = await api.status('my-app');
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

    async register(
      keyPair: Ed25519KeyPair,
      input: { clientId?: string; keyName?: string },
    ): Promise<WireData> {
      return snake(await client.registerKeyPair(keyPair, { ...input, proof: true }));
    },

    async status(clientId: string): Promise<WireData> {
      return snake(await client.checkRegistrationStatus(clientId));
    },

    async verify(input: {
      clientId: string;
      message: string;
      encoding: 'utf8' | 'hex' | 'base64';
      signature: Uint8Array;
    }): Promise<WireData> {
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
      return snake(result);
    },

    async revoke(input: {
      clientId: string;
      keyPair: Ed25519KeyPair;
      reason: string;
    }): Promise<WireData> {
      return snake(
        await client.revokeRegistration({
          clientId: input.clientId,
          keyPair: input.keyPair,
          reason: input.reason,
        }),
      );
    },

    async rotate(input: {
      clientId: string;
      oldKeyPair: Ed25519KeyPair;
      newKeyPair: Ed25519KeyPair;
      reason: string;
    }): Promise<WireData> {
      return snake(
        await client.rotateRegistration({
          clientId: input.clientId,
          currentKeyPair: input.oldKeyPair,
          newKeyPair: input.newKeyPair,
          reason: input.reason,
          proveNewKey: true,
        }),
      );
    },
  };
}

export type ServerApi = ReturnType<typeof createServerApi>;
