import { afterEach, describe, expect, it, vi } from 'vitest';
import { appContext } from '../../src/app/build-app.js';
import { createAdminToken } from '../../src/domain/admin-tokens.js';
import { SECURITY_HEADERS } from '../../src/http/request-hooks.js';
import { sqliteStorage, startTestServer, type TestServer } from '../helpers/test-server.js';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('admin authentication, on the routes that name roles only', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('refuses an admin route without a valid token (401) or with a token of another role (403)', async () => {
    server = await startTestServer(sqliteStorage);
    const { tokens } = appContext(server.app);
    const admin = await createAdminToken(tokens, 'admin', 'a');
    const auditor = await createAdminToken(tokens, 'auditor', 'b');
    const audit = (headers: Record<string, string> = {}) =>
      server!.json({ method: 'GET', url: '/api/admin/audit', headers });
    const revokeToken = (token: string) =>
      server!.json({
        method: 'POST',
        url: `/api/admin/tokens/${admin.tokenId}/revoke`,
        headers: bearer(token),
      });

    const none = await audit();
    expect([none.status, none.error().code]).toEqual([401, 'UNAUTHORIZED']);
    const wrong = await audit(bearer('not-a-token'));
    expect([wrong.status, wrong.error().code]).toEqual([401, 'UNAUTHORIZED']);
    expect((await audit(bearer(auditor.token))).status).toBe(200);
    const forbidden = await revokeToken(auditor.token);
    expect([forbidden.status, forbidden.error().code]).toEqual([403, 'FORBIDDEN']);
    // The HEAD route Fastify adds for a GET route is checked as well.
    const head = await server.app.inject({ method: 'HEAD', url: '/api/admin/audit' });
    expect(head.statusCode).toBe(401);
    // A refusal carries the headers every answer does: the check runs after them.
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(none.headers[name]).toBe(value);
    }
  });

  it('checks each admin request once, and never a request to a route without the rule', async () => {
    server = await startTestServer(sqliteStorage);
    const { tokens } = appContext(server.app);
    const auditor = await createAdminToken(tokens, 'auditor', 'b');
    const authenticate = vi.spyOn(tokens, 'authenticate');

    const status = await server.json({
      method: 'GET',
      url: '/api/crypto/status',
      headers: bearer('not-a-token'),
    });
    expect(status.status).toBe(200);
    expect(authenticate).not.toHaveBeenCalled();

    expect(
      (
        await server.json({
          method: 'GET',
          url: '/api/admin/audit',
          headers: bearer(auditor.token),
        })
      ).status,
    ).toBe(200);
    expect(authenticate).toHaveBeenCalledTimes(1);
    const head = await server.app.inject({
      method: 'HEAD',
      url: '/api/admin/audit',
      headers: bearer(auditor.token),
    });
    expect(head.statusCode).toBe(200);
    expect(authenticate).toHaveBeenCalledTimes(2);
  });

  it('lets a route whose rule is optional go on without a header, and refuses a bad one', async () => {
    server = await startTestServer(sqliteStorage);
    const revoke = (headers: Record<string, string> = {}) =>
      server!.json({
        method: 'POST',
        url: '/api/crypto/keys/revoke',
        payload: { client_id: 'nobody' },
        headers,
      });
    // Without a token the statement is checked, and refused for its own reasons.
    const unsigned = await revoke();
    expect(unsigned.status).toBe(400);
    const badToken = await revoke(bearer('not-a-token'));
    expect([badToken.status, badToken.error().code]).toEqual([401, 'UNAUTHORIZED']);
  });

  it('comes after the rate limits: an address over its budget is told 429, not 401', async () => {
    server = await startTestServer(sqliteStorage, { rateLimitPerIp: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await server.json({ method: 'GET', url: '/api/admin/audit' })).status);
    }
    expect(statuses).toEqual([401, 401, 429]);
  });
});
