import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContext } from '../../src/app/build-app.js';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.js';
import { createAdminToken } from '../../src/domain/admin-tokens.js';
import { newKey, nonce, registerBody, signStatement } from '../helpers/keys.js';
import type { AuditPage, RegistrationView, StatusView } from '../helpers/route-data.js';
import { startTestServer, type StorageFactory, type TestServer } from '../helpers/test-server.js';

/** The failure envelope, with a registry code. */
function expectEnvelope(body: unknown, code?: string) {
  expect(body).toMatchObject({
    success: false,
    error: {
      code: code ?? (expect.any(String) as unknown),
      message: expect.any(String) as unknown,
      details: {},
    },
  });
}

/**
 * What an anonymous caller can send that no client would: bodies nested 10,000 deep, NUL and
 * lone surrogates in every text field, ids at and past their maximum, the wrong method. Each gets
 * a 4xx in the envelope with a registry code, and none breaks the audit chain. Run against SQLite
 * and against a real PostgreSQL (which cannot store NUL at all).
 */
export function hostileInputSuite(label: string, storage: StorageFactory): void {
  describe(`hostile input (${label})`, () => {
    let server: TestServer;
    let adminToken: string;
    beforeAll(async () => {
      server = await startTestServer(storage);
      adminToken = (await createAdminToken(appContext(server.app).tokens, 'admin')).token;
    });
    afterAll(async () => {
      await server?.close();
    });

    const post = <T = unknown>(
      url: string,
      payload: unknown,
      headers: Record<string, string> = {},
    ) =>
      server.json<T>({
        method: 'POST',
        url,
        payload: JSON.stringify(payload),
        headers: { 'content-type': 'application/json', ...headers },
      });

    it('refuses a body nested 10,000 deep with 400 INVALID_REQUEST before parsing it', async () => {
      const deep = `{"public_key":"00","metadata":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`;
      const res = await server.json({
        method: 'POST',
        url: '/api/crypto/keys/register',
        payload: deep,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(400);
      expectEnvelope(res.body, 'INVALID_REQUEST');
      expect(res.error().details).toEqual({ max_depth: 32 });
    });

    it.each([
      ['key_name', { key_name: 'a\u0000b' }],
      ['user_id', { user_id: 'u\u0007' }],
      ['key_name', { key_name: 'next line\u0085' }],
    ])('refuses a control character in %s with 400', async (field, extra) => {
      const res = await post('/api/crypto/keys/register', registerBody(newKey(), 'nul-1', extra));
      expect(res.status).toBe(400);
      expectEnvelope(res.body, 'INVALID_REQUEST');
      expect(res.error().details.field).toBe(field);
    });

    it('stores a lone surrogate as U+FFFD, the text UTF-8 can hold', async () => {
      const key = newKey();
      const res = await post<RegistrationView>(
        '/api/crypto/keys/register',
        registerBody(key, 'lone-1', { key_name: 'lone \ud800 surrogate' }),
      );
      expect(res.status).toBe(201);
      expect(res.data().key_name).toBe('lone \ufffd surrogate');
      const status = await server.json<StatusView>({
        method: 'GET',
        url: '/api/crypto/keys/status/lone-1',
      });
      expect(status.data().key_name).toBe('lone \ufffd surrogate');
    });

    it('refuses NUL in an admin search and a client id filter with 400, not a database error', async () => {
      for (const query of ['search=a%00b', 'client_id=a%00b']) {
        const res = await server.json({
          method: 'GET',
          url: `/api/admin/registrations?${query}`,
          headers: { authorization: `Bearer ${adminToken}` },
        });
        expect(res.status).toBe(400);
        expectEnvelope(res.body);
      }
    });

    it('answers a cursor past any sequence number with an empty page, not a database error', async () => {
      const admin = { authorization: `Bearer ${adminToken}` };
      for (const url of [
        '/api/admin/audit?cursor=031613325085',
        '/api/admin/audit/recent?cursor=999999999999999',
      ]) {
        const res = await server.json<AuditPage>({ method: 'GET', url, headers: admin });
        expect(res.status).toBe(200);
        expect(res.data().next_cursor).toBeNull();
      }
    });

    it('accepts client ids up to 128 characters on every route that takes one in its path', async () => {
      for (const length of [101, 128]) {
        const clientId = 'c'.repeat(length);
        expect(
          (await post('/api/crypto/keys/register', registerBody(newKey(), clientId))).status,
        ).toBe(201);
        expect(
          (await server.json({ method: 'GET', url: `/api/crypto/keys/status/${clientId}` })).status,
        ).toBe(200);
        const admin = { authorization: `Bearer ${adminToken}` };
        expect(
          (
            await server.json({
              method: 'GET',
              url: `/api/admin/clients/${clientId}`,
              headers: admin,
            })
          ).status,
        ).toBe(200);
        expect((await post(`/api/admin/registrations/${clientId}/revoke`, {}, admin)).status).toBe(
          200,
        );
      }
      const tooLong = await server.json({
        method: 'GET',
        url: `/api/crypto/keys/status/${'c'.repeat(129)}`,
      });
      expect(tooLong.status).toBe(400);
      expect(tooLong.error().code).toBe('INVALID_CLIENT_ID');
      const huge = await server.json({
        method: 'GET',
        url: `/api/crypto/keys/status/${'c'.repeat(5000)}`,
      });
      expect(huge.status).toBe(400);
      expect(huge.error().code).toBe('INVALID_CLIENT_ID');
    });

    it('answers a known path with the wrong method 405 with Allow, an unknown path 404', async () => {
      const wrong = await server.json({ method: 'PUT', url: '/api/crypto/keys/register' });
      expect(wrong.status).toBe(405);
      expect(wrong.headers.allow).toBe('POST');
      expectEnvelope(wrong.body, 'METHOD_NOT_ALLOWED');
      const status = await server.json({
        method: 'DELETE',
        url: '/api/crypto/keys/status/someone',
      });
      expect(status.status).toBe(405);
      expect(status.headers.allow).toBe('GET, HEAD');
      const unknown = await server.json({ method: 'GET', url: '/api/nothing/here' });
      expect(unknown.status).toBe(404);
      expectEnvelope(unknown.body, 'NOT_FOUND');
    });

    it('keeps the audit chain intact whatever Unicode arrives in the audited fields', async () => {
      const hostile = fc.string({
        unit: fc.oneof(
          fc.constantFrom('\u0000', '\ud800', '\udfff', '\u{1f600}', '\u202e', '\n', '\u0085'),
          fc.string({ unit: 'binary', maxLength: 4 }),
        ),
        maxLength: 160,
      });
      await fc.assert(
        fc.asyncProperty(hostile, hostile, hostile, async (clientId, name, reason) => {
          const key = newKey();
          const answers = [
            await post('/api/crypto/keys/register', { client_id: clientId, public_key: key.hex }),
            await post('/api/crypto/keys/register', {
              ...registerBody(key, clientId.replace(/[^A-Za-z0-9]/g, '').slice(0, 40) || 'x'),
              key_name: name,
              metadata: { note: name, [reason]: clientId },
            }),
            await post('/api/crypto/keys/revoke', {
              client_id: clientId,
              reason,
              timestamp: new Date().toISOString(),
              nonce: nonce(),
              signature: signStatement(key, {
                action: 'revoke',
                clientId,
                publicKey: key.hex,
                reason,
                timestamp: new Date().toISOString(),
                nonce: nonce(),
              }),
            }),
          ];
          for (const answer of answers) {
            expect(answer.status).toBeLessThan(500);
            expect(answer.body.success).toBeTypeOf('boolean');
          }
        }),
        { numRuns: 40 },
      );
      await appContext(server.app).refusals.flush();
      const report = await verifyAuditChain(appContext(server.app).audit);
      expect(report.breaks).toEqual([]);
      expect(report.ok).toBe(true);
    });
  });
}
