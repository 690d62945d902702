import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { appContext } from '../src/app/build-app.js';
import { newKey, sign, registerBody } from './helpers/keys.js';
import { sqliteStorage, startTestServer, type TestServer } from './helpers/test-server.js';

describe('protection and observability', () => {
  let server: TestServer | undefined;
  const register = (key: ReturnType<typeof newKey>, clientId: string) =>
    server!.json({
      method: 'POST',
      url: '/api/crypto/keys/register',
      payload: registerBody(key, clientId),
    });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('limits requests per IP with 429 RATE_LIMITED and Retry-After, in the envelope', async () => {
    server = await startTestServer(sqliteStorage, { rateLimitPerIp: 3 });
    for (let i = 0; i < 3; i++) {
      expect((await server.json({ method: 'GET', url: '/api/crypto/status' })).status).toBe(200);
    }
    const limited = await server.json({ method: 'GET', url: '/api/crypto/status' });
    expect(limited.status).toBe(429);
    expect(limited.error().code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['x-content-type-options']).toBe('nosniff');
    // Health probes are never limited.
    expect((await server.json({ method: 'GET', url: '/api/health' })).status).toBe(200);
    // Another address has its own budget.
    const other = await server.json({
      method: 'GET',
      url: '/api/crypto/status',
      remoteAddress: '127.0.0.9',
    });
    expect(other.status).toBe(200);
  });

  it("charges a client's budget only for its own verified work, never for junk naming it", async () => {
    server = await startTestServer(sqliteStorage, {
      rateLimitPerClient: 3,
      rateLimitFailuresPerIp: 5,
    });
    const victim = newKey();
    expect((await register(victim, 'victim')).status).toBe(201);
    const verify = (signature: string, remoteAddress: string) =>
      server!.json({
        method: 'POST',
        url: '/api/crypto/signatures/verify',
        payload: { client_id: 'victim', message: 'm', signature },
        remoteAddress,
      });
    // Junk naming the victim from 127.0.0.2: bad signatures, then status lookups of it.
    for (let i = 0; i < 5; i++)
      expect((await verify('ab'.repeat(64), '127.0.0.2')).status).toBe(401);
    // The junk's source has spent its failure budget: it is refused now, before any work.
    const junk = await verify('ab'.repeat(64), '127.0.0.2');
    expect(junk.status).toBe(429);
    expect(Number(junk.headers['retry-after'])).toBeGreaterThan(0);
    // The victim, from 127.0.0.3, has its whole budget: three verifications.
    for (let i = 0; i < 3; i++)
      expect((await verify(sign(victim, 'm'), '127.0.0.3')).status).toBe(200);
    // Its own work spends it, from any address.
    const spent = await verify(sign(victim, 'm'), '127.0.0.4');
    expect(spent.status).toBe(429);
    expect(spent.error().code).toBe('RATE_LIMITED');
  });

  it('limits registrations per address, counting only those that succeed', async () => {
    server = await startTestServer(sqliteStorage, { rateLimitRegistrationsPerIp: 2 });
    for (let i = 0; i < 2; i++) expect((await register(newKey(), `reg-${i}`)).status).toBe(201);
    const third = await register(newKey(), 'reg-2');
    expect(third.status).toBe(429);
    const other = await server.json({
      method: 'POST',
      url: '/api/crypto/keys/register',
      payload: registerBody(newKey(), 'reg-3'),
      remoteAddress: '127.0.0.9',
    });
    expect(other.status).toBe(201);
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE in the envelope', async () => {
    server = await startTestServer(sqliteStorage, { bodyLimit: 2048 });
    const res = await server.json({
      method: 'POST',
      url: '/api/crypto/keys/register',
      payload: { public_key: newKey().hex, metadata: { pad: 'x'.repeat(4096) } },
    });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      success: false,
      error: { code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) as unknown, details: {} },
    });
  });

  it('requires proofs of possession when configured: 400 PROOF_REQUIRED without one', async () => {
    server = await startTestServer(sqliteStorage, { requireProof: true });
    const res = await server.json({
      method: 'POST',
      url: '/api/crypto/keys/register',
      payload: { client_id: 'no-proof', public_key: newKey().hex },
    });
    expect(res.status).toBe(400);
    expect(res.error().code).toBe('PROOF_REQUIRED');
    const rotate = await server.json({
      method: 'POST',
      url: '/api/crypto/keys/rotate',
      payload: { client_id: 'no-proof', new_public_key: newKey().hex, signature: 'ab'.repeat(64) },
    });
    expect(rotate.status).toBe(400);
    expect(rotate.error().code).toBe('PROOF_REQUIRED');
  });

  it('answers an unknown route with a 404 envelope', async () => {
    server = await startTestServer(sqliteStorage);
    const res = await server.json({ method: 'GET', url: '/api/crypto/nothing?x=1' });
    expect(res.status).toBe(404);
    expect(res.error()).toEqual({
      code: 'NOT_FOUND',
      message: 'no route GET /api/crypto/nothing',
      details: {},
    });
  });

  it('turns an unexpected failure into a generic 500 that leaks nothing', async () => {
    server = await startTestServer(sqliteStorage);
    const ctx = appContext(server.app);
    ctx.registrations.findCurrent = () =>
      Promise.reject(new Error('secret internal detail /var/db'));
    const res = await server.json({ method: 'GET', url: '/api/crypto/keys/status/someone' });
    expect(res.status).toBe(500);
    expect(res.error().code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(res.body)).not.toContain('secret');
  });

  it('sends security headers and a request id, and allows only listed CORS origins', async () => {
    server = await startTestServer(sqliteStorage, { corsOrigins: ['https://app.example.com'] });
    const res = await server.json({
      method: 'GET',
      url: '/api/crypto/status',
      headers: { origin: 'https://app.example.com' },
    });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
    const other = await server.json({
      method: 'GET',
      url: '/api/crypto/status',
      headers: { origin: 'https://evil.example.com' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves Prometheus metrics: requests by route and status, verify outcomes, registrations', async () => {
    server = await startTestServer(sqliteStorage);
    const key = newKey();
    await server.json({
      method: 'POST',
      url: '/api/crypto/keys/register',
      payload: registerBody(key, 'm1'),
    });
    await server.json({
      method: 'POST',
      url: '/api/crypto/signatures/verify',
      payload: { client_id: 'm1', message: 'x', signature: sign(key, 'x') },
    });
    await server.json({
      method: 'POST',
      url: '/api/crypto/signatures/verify',
      payload: { client_id: 'm1', message: 'x', signature: sign(key, 'y') },
    });
    const res = await server.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain(
      'datafold_http_requests_total{method="POST",route="/api/crypto/keys/register",status="201"} 1',
    );
    expect(res.body).toContain('datafold_verify_outcomes_total{outcome="verified"} 1');
    expect(res.body).toContain('datafold_verify_outcomes_total{outcome="failed"} 1');
    expect(res.body).toContain('datafold_registrations{status="active"} 1');
    expect(res.body).toContain('datafold_http_request_duration_seconds_bucket');
  });

  it('serves the OpenAPI document and the interactive docs', async () => {
    server = await startTestServer(sqliteStorage);
    const spec = await server.text({ method: 'GET', url: '/openapi.json' });
    expect(spec.status).toBe(200);
    const document = JSON.parse(spec.text) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/crypto/keys/register',
      '/api/crypto/signatures/verify',
      '/api/crypto/keys/status/{client_id}',
      '/api/crypto/keys/rotate',
      '/api/admin/audit',
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
    const docs = await server.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('logs request ids but never messages, signatures, keys or tokens', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    server = await startTestServer(sqliteStorage, {}, { logger: { level: 'trace', stream } });
    const key = newKey();
    const signature = sign(key, 'top secret message');
    await server.json({
      method: 'POST',
      url: '/api/crypto/keys/register',
      payload: registerBody(key, 'log-1'),
    });
    await server.json({
      method: 'POST',
      url: '/api/crypto/signatures/verify',
      payload: { client_id: 'log-1', message: 'top secret message', signature },
      headers: { authorization: 'Bearer dfk_supersecrettoken' },
    });
    const log = lines.join('');
    expect(log).toContain('"reqId"');
    expect(log).not.toContain('top secret message');
    expect(log).not.toContain(signature.slice(0, 32));
    expect(log).not.toContain(key.seed.toString('hex'));
    expect(log).not.toContain('supersecrettoken');
    // One line per request: method, route pattern, status and time, tied to the request id.
    const completed = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'request completed');
    expect(completed).toHaveLength(2);
    expect(completed[1]).toMatchObject({
      method: 'POST',
      route: '/api/crypto/signatures/verify',
      status: 200,
    });
    expect(typeof completed[1]!.reqId).toBe('string');
    expect(lines.some((l) => l.includes('incoming request'))).toBe(false);
  });
});
