// Signed requests for the middleware tests, made with the SDK's own signatureHeaders, and the
// checks every refusal must pass: status, envelope, Accept-Signature on 401, Retry-After on 503.
import { expect } from 'vitest';

import {
  ACCEPT_SIGNATURE,
  signatureHeaders,
  type ResolvedRequestKey,
} from '../../../src/http-signatures/index.js';
import { generateKeyPair } from '../../../src/keys/generate-key-pair.js';
import type { Ed25519KeyPair } from '../../../src/keys/types.js';
import { ERROR_REGISTRY, type ErrorCode } from '../../../src/errors/registry.js';
import type { Answer } from './send.js';

/** A signing client. */
export interface TestClient {
  clientId: string;
  keyPair: Ed25519KeyPair;
}

/** A new client `clientId` and a resolveKey that knows it as active and nobody else. */
export async function activeClient(
  clientId = 'alice',
): Promise<{ client: TestClient; resolveKey: (id: string) => Promise<ResolvedRequestKey> }> {
  const client = { clientId, keyPair: await generateKeyPair() };
  const resolveKey = (id: string): Promise<ResolvedRequestKey> =>
    Promise.resolve(
      id === clientId
        ? { status: 'active', publicKey: client.keyPair.publicKey }
        : { status: 'unknown' },
    );
  return { client, resolveKey };
}

export interface SignedParts {
  method: string;
  headers: Array<[string, string]>;
  body?: Uint8Array;
}

/** A request to `url` signed by `clientId` with `keyPair`, as a client of the profile sends it. */
export async function signedParts(
  url: string,
  key: TestClient,
  init: {
    method?: string;
    body?: string | Uint8Array;
    contentType?: string;
    now?: () => number;
    expiresIn?: number;
  } = {},
): Promise<SignedParts> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const body = typeof init.body === 'string' ? new TextEncoder().encode(init.body) : init.body;
  const fields: Array<[string, string]> =
    init.contentType === undefined ? [] : [['content-type', init.contentType]];
  const added = await signatureHeaders(
    { method, targetUri: url, headers: fields, ...(body === undefined ? {} : { body }) },
    {
      clientId: key.clientId,
      privateKey: key.keyPair.privateKey,
      ...(init.now === undefined ? {} : { now: init.now }),
      ...(init.expiresIn === undefined ? {} : { expiresIn: init.expiresIn }),
    },
  );
  return {
    method,
    headers: [
      ...fields,
      ...Object.entries(added).filter((e): e is [string, string] => e[1] !== undefined),
    ],
    ...(body === undefined ? {} : { body }),
  };
}

/** Replaces the value of one header field (added at the end when absent). */
export function withField(
  parts: SignedParts,
  name: string,
  value: string | undefined,
): SignedParts {
  const headers = parts.headers.filter(([n]) => n !== name);
  if (value !== undefined) headers.push([name, value]);
  return { ...parts, headers };
}

export function field(parts: SignedParts, name: string): string {
  const found = parts.headers.find(([n]) => n === name);
  if (found === undefined) throw new Error(`no ${name} field`);
  return found[1];
}

/** The answer is the refusal `code` in the DataFold envelope, with the code's status and headers. */
export function expectRefusal(answer: Answer, code: ErrorCode): void {
  const status = ERROR_REGISTRY[code].httpStatus;
  expect({
    status: answer.status,
    code: (answer.body as { error?: { code?: string } }).error?.code,
  }).toEqual({
    status,
    code,
  });
  expect(answer.body).toEqual({
    success: false,
    error: { code, message: expect.any(String) as string, details: expect.any(Object) as object },
  });
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  if (status === 401) expect(answer.headers['accept-signature']).toBe(ACCEPT_SIGNATURE);
  else expect(answer.headers['accept-signature']).toBeUndefined();
  if (status === 503) expect(answer.headers['retry-after']).toMatch(/^\d+$/);
}
