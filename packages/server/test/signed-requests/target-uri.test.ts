import { signRequest } from '@datafold/js-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../../src/config/server-config.js';
import { newKey, registerBody, type TestKey } from '../helpers/keys.js';
import { sqliteStorage, startTestServer, type TestServer } from '../helpers/test-server.js';
import { fieldsOf } from './signed-request-client.js';

/**
 * How the server rebuilds a signed request's `@target-uri` (spec §2.3): the configured public
 * origin, else the Host field and the connection's scheme, X-Forwarded-Host and -Proto only from
 * a trusted proxy. Requests are injected from 127.0.0.1.
 */
describe('--require-signed-requests: the target URI the server checks', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(overrides: Partial<ServerConfig>): Promise<{ s: TestServer; key: TestKey }> {
    server = await startTestServer(sqliteStorage, { requireSignedRequests: true, ...overrides });
    const key = newKey();
    const res = await server.json({
      method: 'POST',
      url: '/api/crypto/keys/register',
      payload: registerBody(key, 'uri-client'),
    });
    expect(res.status).toBe(201);
    return { s: server, key };
  }

  /** Sends a status request signed for `signedFor` + path, with extra header fields. */
  async function send(
    s: TestServer,
    key: TestKey,
    signedFor: string,
    extra: Record<string, string> = {},
  ) {
    const path = '/api/crypto/keys/status/uri-client?x=1';
    const signed = await signRequest(new Request(`${signedFor}${path}`), {
      clientId: 'uri-client',
      privateKey: key.seed,
    });
    const headers = { ...extra, ...fieldsOf(signed.headers) };
    return s.json({ method: 'GET', url: path, headers });
  }

  it('uses --public-url whatever Host says', async () => {
    const { s, key } = await start({ publicUrl: 'https://keys.example' });
    expect((await send(s, key, 'https://keys.example', { host: 'internal:9001' })).status).toBe(
      200,
    );
    const wrong = await send(s, key, 'https://other.example', { host: 'other.example' });
    expect(wrong.error().code).toBe('REQUEST_SIGNATURE_INVALID');
  });

  it('without it, the Host field and the connection (http), default port dropped', async () => {
    const { s, key } = await start({});
    expect((await send(s, key, 'http://Keys.Example', { host: 'keys.example:80' })).status).toBe(
      200,
    );
    const https = await send(s, key, 'https://keys.example', { host: 'keys.example' });
    expect(https.error().code).toBe('REQUEST_SIGNATURE_INVALID');
  });

  it('believes X-Forwarded-Host and -Proto only from a trusted proxy', async () => {
    const forwarded = {
      host: 'internal:9001',
      'x-forwarded-host': 'keys.example',
      'x-forwarded-proto': 'https',
    };
    const trusted = await start({ trustProxy: { kind: 'addresses', addresses: ['127.0.0.1'] } });
    expect((await send(trusted.s, trusted.key, 'https://keys.example', forwarded)).status).toBe(
      200,
    );
    await server?.close();
    const untrusted = await start({});
    const res = await send(untrusted.s, untrusted.key, 'https://keys.example', forwarded);
    expect(res.error().code).toBe('REQUEST_SIGNATURE_INVALID');
  });

  it('lists POST /api/crypto/requests/verify in the OpenAPI document', async () => {
    const { s } = await start({});
    const doc = await s.text({ method: 'GET', url: '/openapi.json' });
    const paths = (JSON.parse(doc.text) as { paths: Record<string, unknown> }).paths;
    expect(Object.keys(paths)).toContain('/api/crypto/requests/verify');
  });
});
