import { afterEach, describe, expect, it } from 'vitest';
import { appContext } from '../../src/app/build-app.js';
import type { ServerConfig } from '../../src/config/server-config.js';
import { newKey, registerBody } from '../helpers/keys.js';
import { sqliteStorage, startTestServer, type TestServer } from '../helpers/test-server.js';

const STATUS = '/api/crypto/status';

describe('--trust-proxy: request.ip behind a load balancer', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(overrides: Partial<ServerConfig>): Promise<TestServer> {
    server = await startTestServer(sqliteStorage, { rateLimitPerIp: 2, ...overrides });
    return server;
  }

  /** One request from the TCP peer `peer`, claiming to forward for `forwardedFor`. */
  async function status(peer: string, forwardedFor?: string): Promise<number> {
    const res = await server!.json({
      method: 'GET',
      url: STATUS,
      remoteAddress: peer,
      ...(forwardedFor ? { headers: { 'x-forwarded-for': forwardedFor } } : {}),
    });
    if (res.status === 429) {
      expect(res.error().code).toBe('RATE_LIMITED');
    }
    return res.status;
  }

  it('unset: X-Forwarded-For is ignored, so clients behind one peer share its bucket', async () => {
    await start({});
    expect(await status('10.0.0.1', '203.0.113.1')).toBe(200);
    expect(await status('10.0.0.1', '203.0.113.2')).toBe(200);
    // A third "client" behind the same peer is already over the peer's limit of 2.
    expect(await status('10.0.0.1', '203.0.113.3')).toBe(429);
    // Spoofing the header does not buy a fresh bucket either.
    expect(await status('10.0.0.1', '198.51.100.77')).toBe(429);
    // Another peer still has its own.
    expect(await status('10.0.0.2', '203.0.113.1')).toBe(200);
  });

  it('a trusted peer: each forwarded client address gets its own bucket', async () => {
    await start({ trustProxy: { kind: 'addresses', addresses: ['10.0.0.0/8', '127.0.0.1'] } });
    for (let i = 0; i < 2; i++) {
      expect(await status('10.1.2.3', '203.0.113.1')).toBe(200);
      expect(await status('10.9.9.9', '203.0.113.2')).toBe(200);
    }
    expect(await status('10.1.2.3', '203.0.113.1')).toBe(429);
    // The same client through another balancer in the range is the same client.
    expect(await status('10.4.4.4', '203.0.113.1')).toBe(429);
    expect(await status('10.1.2.3', '203.0.113.3')).toBe(200);
    // Only the trusted hops are skipped: a client cannot pick an address by prepending one.
    expect(await status('10.1.2.3', '198.51.100.1, 203.0.113.1')).toBe(429);
    // Trusted proxies chained: 10.0.0.7 forwarded for the client, the last proxy for 10.0.0.7.
    expect(await status('10.1.2.3', '203.0.113.9, 10.0.0.7')).toBe(200);
  });

  it('an untrusted peer: its X-Forwarded-For is ignored', async () => {
    await start({ trustProxy: { kind: 'addresses', addresses: ['10.0.0.0/8'] } });
    expect(await status('192.0.2.50', '203.0.113.1')).toBe(200);
    expect(await status('192.0.2.50', '203.0.113.2')).toBe(200);
    expect(await status('192.0.2.50', '203.0.113.3')).toBe(429);
    // The forwarded addresses it named were not charged: through a trusted proxy they are fresh.
    expect(await status('10.0.0.1', '203.0.113.1')).toBe(200);
  });

  it('a hop count trusts that many hops whatever they are', async () => {
    await start({ trustProxy: { kind: 'hops', hops: 1 } });
    for (let i = 0; i < 2; i++) expect(await status('10.0.0.1', '203.0.113.1')).toBe(200);
    expect(await status('10.0.0.1', '203.0.113.1')).toBe(429);
    // The balancer appends the address it saw; what the client wrote before it is not believed.
    expect(await status('10.0.0.1', '198.51.100.1, 203.0.113.1')).toBe(429);
    expect(await status('10.0.0.1', '203.0.113.2')).toBe(200);
  });

  it('records the forwarded client address as the audit actor of a registration', async () => {
    await start({ rateLimitPerIp: 0, trustProxy: { kind: 'addresses', addresses: ['10.0.0.1'] } });
    const register = (clientId: string, peer: string) =>
      server!.json({
        method: 'POST',
        url: '/api/crypto/keys/register',
        remoteAddress: peer,
        headers: { 'x-forwarded-for': '203.0.113.42' },
        payload: registerBody(newKey(), clientId),
      });
    expect((await register('via-proxy', '10.0.0.1')).status).toBe(201);
    expect((await register('direct', '192.0.2.9')).status).toBe(201);
    const rows = await appContext(server!.app)
      .database.db.selectFrom('audit_log')
      .select(['client_id', 'actor'])
      .where('action', '=', 'register')
      .orderBy('seq')
      .execute();
    expect(rows).toEqual([
      { client_id: 'via-proxy', actor: 'ip:203.0.113.42' },
      { client_id: 'direct', actor: 'ip:192.0.2.9' },
    ]);
  });
});
