/// <reference types="node" />
import { randomBytes } from 'node:crypto';

import {
  bytesToHex,
  DataFoldError,
  ERROR_REGISTRY,
  sign,
  utf8ToBytes,
  type Ed25519KeyPair,
  type ErrorCode,
} from '@datafold/js-sdk';

/** A server answer's `data`, snake_case as on the wire (WIRE-PROTOCOL.md). */
export type WireData = Record<string, unknown>;

/** Options of {@link createServerApi}. */
export interface ServerApiOptions {
  url: string;
  timeoutMs: number;
}

function networkError(url: string, error: unknown): DataFoldError {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if ((error as Error)?.name === 'TimeoutError' || (error as Error)?.name === 'AbortError') {
    return new DataFoldError(
      'TIMEOUT',
      `The server at ${url} did not answer in time`,
      { url },
      { cause: error },
    );
  }
  const why = cause?.code ?? cause?.message ?? (error as Error)?.message ?? 'unknown error';
  return new DataFoldError(
    'NETWORK_ERROR',
    `Cannot reach the server at ${url} (${why}); check the URL and that datafold-server is running`,
    { url },
    { cause: error },
  );
}

/** Statement fields the client signs (spec/http-statements.md §2-§3). */
function statement(lines: [string, string][]): Uint8Array {
  return utf8ToBytes(
    `${['datafold-statement-v1', ...lines.map(([k, v]) => `${k}: ${v}`)].join('\n')}\n`,
  );
}

function freshness(): { timestamp: string; nonce: string } {
  return { timestamp: new Date().toISOString(), nonce: randomBytes(16).toString('hex') };
}

/**
 * The DataFold wire protocol as the CLI uses it: register (with proof of possession), status,
 * verify, and revoke / rotate signed by the key (spec/http-statements.md). Unreachable servers
 * are NETWORK_ERROR naming the URL (exit 6); the server's own errors keep their codes.
 *
 * @example
 * const api = createServerApi({ url: 'http://localhost:9001', timeoutMs: 30000 });
 * const data = await api.status('my-app');
 */
export function createServerApi(options: ServerApiOptions) {
  const base = options.url.replace(/\/+$/, '');

  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<WireData> {
    const url = `${base}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      throw networkError(base, error);
    }
    let parsed: {
      success?: unknown;
      data?: unknown;
      error?: { code?: unknown; message?: unknown; details?: unknown };
    };
    try {
      parsed = (await response.json()) as typeof parsed;
    } catch {
      throw new DataFoldError(
        'INVALID_RESPONSE',
        `${url} answered HTTP ${response.status} without a DataFold JSON envelope; is this a DataFold server?`,
        { url },
      );
    }
    if (parsed.success === true && typeof parsed.data === 'object' && parsed.data !== null)
      return parsed.data as WireData;
    if (parsed.success === false && typeof parsed.error?.code === 'string') {
      const known = parsed.error.code in ERROR_REGISTRY;
      throw new DataFoldError(
        (known ? parsed.error.code : 'INVALID_RESPONSE') as ErrorCode,
        `Server ${base}: ${typeof parsed.error.message === 'string' ? parsed.error.message : parsed.error.code}`,
        { url, status: response.status, server_code: parsed.error.code },
      );
    }
    throw new DataFoldError(
      'INVALID_RESPONSE',
      `${url} answered HTTP ${response.status} outside the DataFold envelope`,
      { url },
    );
  }

  return {
    url: base,

    /** POST /api/crypto/keys/register, with a proof of possession signed by the key. */
    async register(
      keyPair: Ed25519KeyPair,
      input: { clientId?: string; keyName?: string; metadata?: Record<string, unknown> },
    ): Promise<WireData> {
      const publicKey = bytesToHex(keyPair.publicKey);
      const { timestamp, nonce } = freshness();
      const signature = await sign(
        statement([
          ['action', 'register'],
          ['client_id', input.clientId ?? ''],
          ['public_key', publicKey],
          ['timestamp', timestamp],
          ['nonce', nonce],
        ]),
        keyPair.privateKey,
      );
      return call('POST', '/api/crypto/keys/register', {
        public_key: publicKey,
        ...(input.clientId === undefined ? {} : { client_id: input.clientId }),
        ...(input.keyName === undefined ? {} : { key_name: input.keyName }),
        ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
        proof: { signature: bytesToHex(signature), timestamp, nonce },
      });
    },

    /** GET /api/crypto/keys/status/{client_id}. */
    status(clientId: string): Promise<WireData> {
      return call('GET', `/api/crypto/keys/status/${encodeURIComponent(clientId)}`);
    },

    /** POST /api/crypto/signatures/verify; a bad signature is SIGNATURE_VERIFICATION_FAILED. */
    verify(input: {
      clientId: string;
      message: string;
      encoding: string;
      signature: Uint8Array;
    }): Promise<WireData> {
      return call('POST', '/api/crypto/signatures/verify', {
        client_id: input.clientId,
        message: input.message,
        message_encoding: input.encoding,
        signature: bytesToHex(input.signature),
      });
    },

    /** POST /api/crypto/keys/revoke, signed by the client's active key. */
    async revoke(input: {
      clientId: string;
      keyPair: Ed25519KeyPair;
      reason: string;
    }): Promise<WireData> {
      const { timestamp, nonce } = freshness();
      const signature = await sign(
        statement([
          ['action', 'revoke'],
          ['client_id', input.clientId],
          ['public_key', bytesToHex(input.keyPair.publicKey)],
          ['reason', input.reason],
          ['timestamp', timestamp],
          ['nonce', nonce],
        ]),
        input.keyPair.privateKey,
      );
      return call('POST', '/api/crypto/keys/revoke', {
        client_id: input.clientId,
        reason: input.reason,
        timestamp,
        nonce,
        signature: bytesToHex(signature),
      });
    },

    /** POST /api/crypto/keys/rotate, signed by the old key and (proof) by the new one. */
    async rotate(input: {
      clientId: string;
      oldKeyPair: Ed25519KeyPair;
      newKeyPair: Ed25519KeyPair;
      reason: string;
    }): Promise<WireData> {
      const { timestamp, nonce } = freshness();
      const newPublicKey = bytesToHex(input.newKeyPair.publicKey);
      const bytes = statement([
        ['action', 'rotate'],
        ['client_id', input.clientId],
        ['public_key', bytesToHex(input.oldKeyPair.publicKey)],
        ['new_public_key', newPublicKey],
        ['reason', input.reason],
        ['timestamp', timestamp],
        ['nonce', nonce],
      ]);
      const signature = await sign(bytes, input.oldKeyPair.privateKey);
      const newKeySignature = await sign(bytes, input.newKeyPair.privateKey);
      return call('POST', '/api/crypto/keys/rotate', {
        client_id: input.clientId,
        new_public_key: newPublicKey,
        reason: input.reason,
        timestamp,
        nonce,
        signature: bytesToHex(signature),
        new_key_signature: bytesToHex(newKeySignature),
      });
    },
  };
}

export type ServerApi = ReturnType<typeof createServerApi>;
