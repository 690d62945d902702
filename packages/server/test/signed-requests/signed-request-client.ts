import { canonicalStatement, type StatementFields } from '@datafold/js-sdk';
import { newKey, nonce, signBytes, type TestKey } from '../helpers/keys.js';
import { registerBody } from '../helpers/keys.js';

/** A client of a running server: its key, its id, and an unsigned JSON request helper. */
export interface SignedRequestClient {
  key: TestKey;
  clientId: string;
}

/** What a server answered, read as JSON. */
export interface JsonReply {
  status: number;
  headers: Headers;
  body: {
    success: boolean;
    data?: Record<string, unknown>;
    error?: { code: string; message: string; details: Record<string, unknown> };
  };
}

/**
 * Sends a request with `send` (fetch, or the SDK's signed fetch) and reads the answer as JSON.
 *
 * @example
 * const res = await jsonReply(fetch, `${url}/api/health`);
 */
export async function jsonReply(
  send: typeof fetch,
  url: string,
  init: RequestInit = {},
): Promise<JsonReply> {
  const res = await send(url, init);
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as JsonReply['body'],
  };
}

/** A JSON POST's init. */
export function postJson(body: unknown): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

/**
 * Registers a fresh key under `clientId` (registration stays open under
 * `--require-signed-requests`); throws unless the server answers 201.
 *
 * @example
 * const client = await registeredClient(server.url, 'app-1');
 */
export async function registeredClient(
  baseUrl: string,
  clientId: string,
): Promise<SignedRequestClient> {
  const key = newKey();
  const res = await jsonReply(
    fetch,
    `${baseUrl}/api/crypto/keys/register`,
    postJson(registerBody(key, clientId)),
  );
  if (res.status !== 201)
    throw new Error(`registration answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { key, clientId };
}

/** The body of a revocation signed by the client's own key (spec/http-statements.md). */
export function revokeStatement(client: SignedRequestClient) {
  const fields: StatementFields = {
    action: 'revoke',
    clientId: client.clientId,
    publicKey: client.key.hex,
    timestamp: new Date().toISOString(),
    nonce: nonce(),
    reason: 'test',
  };
  return {
    client_id: client.clientId,
    reason: 'test',
    timestamp: fields.timestamp,
    nonce: fields.nonce,
    signature: signBytes(client.key, canonicalStatement(fields)),
  };
}

/**
 * A signed request's fields as a plain record (what the verify route's `headers` member and an
 * injected request take); the server's tsconfig has no DOM iterables, so through forEach.
 */
export function fieldsOf(headers: Headers): Record<string, string> {
  const fields: Record<string, string> = {};
  headers.forEach((value, name) => {
    fields[name] = value;
  });
  return fields;
}
