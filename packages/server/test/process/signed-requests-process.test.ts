import { createSignedFetch, signRequest } from '@datafold/js-sdk';
import { createToken, startDatafoldServer, type DatafoldServer } from '@datafold/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fieldsOf,
  jsonReply,
  postJson,
  registeredClient,
  revokeStatement,
  type SignedRequestClient,
} from '../signed-requests/signed-request-client.js';

/**
 * `--require-signed-requests` on a real datafold-server process (SQLite, so the replay store is
 * the database), called over HTTP by the SDK's own signer.
 */
describe('--require-signed-requests on a real server process', () => {
  let server: DatafoldServer;
  let adminToken = '';
  let client: SignedRequestClient;
  let signedFetch: typeof fetch;

  beforeAll(async () => {
    server = await startDatafoldServer({
      args: ['--require-signed-requests', '--log-level', 'info'],
      beforeStart: async (dir) => {
        adminToken = await createToken(dir, 'admin');
      },
    });
    client = await registeredClient(server.url, 'signed-app-1');
    signedFetch = createSignedFetch({ clientId: client.clientId, privateKey: client.key.seed });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('passes a request signed by createSignedFetch, with and without a body', async () => {
    const status = await jsonReply(
      signedFetch,
      `${server.url}/api/crypto/keys/status/${client.clientId}`,
    );
    expect(status.status).toBe(200);
    expect(status.body.data).toMatchObject({ client_id: client.clientId, status: 'active' });

    const verify = await jsonReply(
      signedFetch,
      `${server.url}/api/crypto/signatures/verify`,
      postJson({
        client_id: client.clientId,
        message: 'hello',
        signature: 'ab'.repeat(64),
      }),
    );
    // Past the request signature, the route's own check answers: this message signature is junk.
    expect(verify.body.error?.code).toBe('SIGNATURE_VERIFICATION_FAILED');
  });

  it('refuses an unsigned request with 401 REQUEST_SIGNATURE_MISSING and Accept-Signature', async () => {
    const res = await jsonReply(fetch, `${server.url}/api/crypto/keys/status/${client.clientId}`);
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe('REQUEST_SIGNATURE_MISSING');
    expect(res.headers.get('accept-signature')).toBe(
      'datafold=("@method" "@target-uri" "content-digest");tag="datafold-request-v1";alg="ed25519"',
    );
  });

  it('leaves registration, request verification, status, health and admin routes open', async () => {
    await registeredClient(server.url, 'signed-app-2');
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/system/status`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/crypto/status`)).status).toBe(200);
    // An application with no key of its own forwards a request its user signed.
    const forwarded = await signRequest(
      new Request('https://app.example/orders?page=2', { method: 'POST', body: '{"n":1}' }),
      { clientId: client.clientId, privateKey: client.key.seed },
    );
    const verdict = await jsonReply(
      fetch,
      `${server.url}/api/crypto/requests/verify`,
      postJson({
        method: 'POST',
        target_uri: 'https://app.example/orders?page=2',
        headers: fieldsOf(forwarded.headers),
        body: Buffer.from('{"n":1}').toString('base64'),
      }),
    );
    expect(verdict.status).toBe(200);
    expect(verdict.body.data).toMatchObject({ verified: true, client_id: client.clientId });
    const audit = await fetch(`${server.url}/api/admin/audit?limit=1`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(audit.status).toBe(200);
  });

  it('refuses the same signed request sent twice: 401 REQUEST_SIGNATURE_REPLAYED', async () => {
    const signed = await signRequest(
      new Request(`${server.url}/api/crypto/keys/status/${client.clientId}`),
      { clientId: client.clientId, privateKey: client.key.seed },
    );
    expect((await fetch(signed.clone())).status).toBe(200);
    const again = await jsonReply(fetch, signed.url, { headers: signed.headers });
    expect(again.status).toBe(401);
    expect(again.body.error?.code).toBe('REQUEST_SIGNATURE_REPLAYED');
  });

  it('refuses a body that does not match its Content-Digest', async () => {
    const signed = await signRequest(
      new Request(`${server.url}/api/crypto/signatures/verify`, postJson({ client_id: 'x' })),
      { clientId: client.clientId, privateKey: client.key.seed },
    );
    const res = await jsonReply(fetch, signed.url, {
      method: 'POST',
      headers: signed.headers,
      body: JSON.stringify({ client_id: 'y' }),
    });
    expect(res.body.error?.code).toBe('CONTENT_DIGEST_MISMATCH');
  });

  it('logs and audits the verified client id, and refuses its revoked key at once', async () => {
    const victim = await registeredClient(server.url, 'signed-app-revoked');
    const victimFetch = createSignedFetch({
      clientId: victim.clientId,
      privateKey: victim.key.seed,
    });
    const revoked = await jsonReply(
      victimFetch,
      `${server.url}/api/crypto/keys/revoke`,
      postJson(revokeStatement(victim)),
    );
    expect(revoked.status).toBe(200);

    const after = await jsonReply(
      victimFetch,
      `${server.url}/api/crypto/keys/status/${victim.clientId}`,
    );
    expect(after.status).toBe(401);
    expect(after.body.error?.code).toBe('REQUEST_SIGNATURE_INACTIVE_KEY');

    const audit = await jsonReply(
      fetch,
      `${server.url}/api/admin/audit?client_id=${victim.clientId}&limit=10`,
      { headers: { authorization: `Bearer ${adminToken}` } },
    );
    const entries = (audit.body.data as { items: Array<Record<string, unknown>> }).items;
    const revocation = entries.find((e) => e.action === 'revoke');
    expect(revocation?.details).toMatchObject({ request_signed_by: victim.clientId });
    // Log lines are written in groups a few milliseconds apart (app/log-destination.ts).
    await expect.poll(() => server.output()).toContain(`"signedBy":"${victim.clientId}"`);
  });
});

describe('without --require-signed-requests', () => {
  let server: DatafoldServer;
  beforeAll(async () => {
    server = await startDatafoldServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers unsigned clients as before', async () => {
    const client = await registeredClient(server.url, 'unsigned-app');
    const res = await jsonReply(fetch, `${server.url}/api/crypto/keys/status/${client.clientId}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'active' });
  });
});
