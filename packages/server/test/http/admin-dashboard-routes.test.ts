import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContext } from '../../src/app/build-app.js';
import { AuditChainMonitor } from '../../src/audit/audit-chain-monitor.js';
import { createAdminToken } from '../../src/domain/admin-tokens.js';
import { DASHBOARD_CSP, serveDashboard } from '../../src/http/serve-dashboard.js';
import { newKey, registerBody } from '../helpers/keys.js';
import type { AuditPage, ChainState, ClientHistory, SessionView } from '../helpers/route-data.js';
import { sqliteStorage, startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let admin: Record<string, string>;
let auditor: Record<string, string>;

const get = <T = unknown>(url: string, headers: Record<string, string> = admin) =>
  server.json<T>({ method: 'GET', url, headers });
const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  server.json({ method: 'POST', url, payload, headers });

beforeAll(async () => {
  server = await startTestServer(sqliteStorage);
  const tokens = appContext(server.app).tokens;
  admin = { authorization: `Bearer ${(await createAdminToken(tokens, 'admin')).token}` };
  auditor = { authorization: `Bearer ${(await createAdminToken(tokens, 'auditor')).token}` };
  // dash-1: registered, revoked by an admin, registered again: a history of two keys.
  await post('/api/crypto/keys/register', registerBody(newKey(), 'dash-1'));
  await post('/api/admin/registrations/dash-1/revoke', { reason: 'lost' }, admin);
  await post('/api/crypto/keys/register', registerBody(newKey(), 'dash-1'));
  await post('/api/crypto/keys/register', registerBody(newKey(), 'dash-2'));
});

afterAll(async () => {
  await server.close();
});

describe('GET /api/admin/session', () => {
  it('names the role of a good token and refuses a missing or unknown one', async () => {
    expect((await get<SessionView>('/api/admin/session')).data().role).toBe('admin');
    expect((await get<SessionView>('/api/admin/session', auditor)).data().role).toBe('auditor');
    const none = await get('/api/admin/session', {});
    expect(none.status).toBe(401);
    expect(none.error().code).toBe('UNAUTHORIZED');
    const bad = await get('/api/admin/session', { authorization: 'Bearer dfk_wrong' });
    expect(bad.status).toBe(401);
    expect(bad.error().code).toBe('UNAUTHORIZED');
  });
});

describe('GET /api/admin/clients/:client_id', () => {
  it("returns the client's key history oldest first", async () => {
    const res = await get<ClientHistory>('/api/admin/clients/dash-1', auditor);
    expect(res.status).toBe(200);
    expect(res.data().client_id).toBe('dash-1');
    const history = res.data().registrations;
    expect(history.map((r) => r.status)).toEqual(['revoked', 'active']);
    expect(history[0]!.status_reason).toBe('lost');
  });

  it('answers 404 CLIENT_NOT_FOUND for an unknown client and 401 without a token', async () => {
    const res = await get('/api/admin/clients/nobody');
    expect(res.status).toBe(404);
    expect(res.error().code).toBe('CLIENT_NOT_FOUND');
    expect((await get('/api/admin/clients/dash-1', {})).status).toBe(401);
  });
});

describe('GET /api/admin/audit/recent', () => {
  it('lists newest first and filters by client and action', async () => {
    const all = await get<AuditPage>('/api/admin/audit/recent');
    const seqs = all.data().items.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    // Two token creations (beforeAll), then four key changes.
    expect(seqs.length).toBe(6);
    const revokes = await get<AuditPage>('/api/admin/audit/recent?action=revoke');
    expect(revokes.data().items).toHaveLength(1);
    expect(revokes.data().items[0]).toMatchObject({ client_id: 'dash-1', outcome: 'success' });
    const client = await get<AuditPage>('/api/admin/audit/recent?client_id=dash-1&action=register');
    expect(client.data().items.map((e) => e.client_id)).toEqual(['dash-1', 'dash-1']);
  });

  it('pages backwards with a cursor', async () => {
    const first = await get<AuditPage>('/api/admin/audit/recent?limit=3');
    expect(first.data().items).toHaveLength(3);
    const next = await get<AuditPage>(
      `/api/admin/audit/recent?limit=3&cursor=${first.data().next_cursor}`,
    );
    expect(next.data().items.map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(next.data().next_cursor).toBeNull();
  });

  it('refuses a bad limit or cursor with 400 INVALID_REQUEST', async () => {
    for (const query of ['limit=0', 'limit=501', 'cursor=abc', 'limit=x']) {
      const res = await get(`/api/admin/audit/recent?${query}`);
      expect(res.status).toBe(400);
      expect(res.error().code).toBe('INVALID_REQUEST');
    }
  });
});

describe('GET /api/admin/audit/chain and the chain monitor', () => {
  it('reports an intact chain with its entry count', async () => {
    const res = await get<ChainState>('/api/admin/audit/chain', auditor);
    expect(res.status).toBe(200);
    expect(res.data()).toMatchObject({
      intact: true,
      entries: 6,
      broken_at_seq: null,
      problem: null,
      breaks: [],
      break_count: 0,
    });
    expect(res.data().head_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('checks new entries on each call and the whole log again after the period', async () => {
    const ctx = appContext(server.app);
    let clock = 1_000_000;
    const monitor = new AuditChainMonitor(ctx.audit, 60_000, () => clock);
    expect((await monitor.check()).ok).toBe(true);
    await post('/api/crypto/keys/register', registerBody(newKey(), 'dash-3'));
    const head = await ctx.audit.head();
    // An altered new entry is found at once, by the incremental walk.
    await ctx.database.db
      .updateTable('audit_log')
      .set({ outcome: 'failure' })
      .where('seq', '=', head.seq)
      .execute();
    clock += 1000;
    expect((await monitor.check()).breaks).toMatchObject([{ seq: head.seq }]);
    await ctx.database.db
      .updateTable('audit_log')
      .set({ outcome: 'success' })
      .where('seq', '=', head.seq)
      .execute();
    expect((await monitor.check()).ok).toBe(true);
    // An entry altered after it was verified is found by the next full walk.
    await ctx.database.db
      .updateTable('audit_log')
      .set({ actor: 'someone else' })
      .where('seq', '=', 2)
      .execute();
    expect((await monitor.check()).ok).toBe(true);
    clock += 60_000;
    const report = await monitor.check();
    expect(report).toMatchObject({
      ok: false,
      breaks: [{ seq: 2, problem: expect.stringMatching(/altered/) as unknown }],
    });
    expect(report.fullCheckAt).toBe(new Date(clock).toISOString());
  });
});

describe('serveDashboard', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'datafold-dashboard-dist-'));
    mkdirSync(join(directory, 'assets'));
    writeFileSync(join(directory, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(directory, 'assets', 'index-abc123.js'), 'export {};');
    writeFileSync(join(directory, 'favicon.svg'), '<svg/>');
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('serves index revalidated, hashed assets immutable, both under the dashboard CSP', async () => {
    const app = Fastify();
    await app.register(serveDashboard, { directory });
    const index = await app.inject({ url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-security-policy']).toBe(DASHBOARD_CSP);
    const again = await app.inject({
      url: '/',
      headers: { 'if-none-match': String(index.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await app.inject({ url: '/favicon.svg' })).headers['cache-control']).toBe('no-cache');
    const missing = await app.inject({ url: '/assets/../index.html' });
    expect(missing.statusCode).toBe(404);
    await app.close();
  });

  it('says in words that the dashboard is not built, instead of a blank page', async () => {
    const app = Fastify();
    await app.register(serveDashboard, { directory: join(directory, 'nothing-here') });
    const res = await app.inject({ url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('npm run build');
    await app.close();
  });
});
