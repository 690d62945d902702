import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContext } from '../../src/app/build-app.js';
import { createAdminToken, hashToken } from '../../src/domain/admin-tokens.js';
import { TokenRepository } from '../../src/repositories/token-repository.js';
import type {
  AuditPage,
  ChainState,
  CreatedToken,
  Page,
  SessionView,
  TokenRevocation,
  TokenView,
} from '../helpers/route-data.js';
import { startTestServer, type StorageFactory, type TestServer } from '../helpers/test-server.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The admin token lifecycle through app.inject on a clock the test moves: create (TTL, label,
 * role, bounded by the creating token), list (status, pages, last_used written behind), expiry,
 * revocation (cascading to the tokens a token made, idempotent) and the audit entries of each.
 * Run against SQLite and against a real PostgreSQL.
 */
export function adminTokensSuite(label: string, storage: StorageFactory): void {
  describe(`admin token lifecycle (${label})`, () => {
    let server: TestServer;
    let clock = Date.parse('2026-03-01T12:00:00.000Z');
    let root: { token: string; tokenId: string };
    let auditor: { token: string; tokenId: string };
    beforeAll(async () => {
      server = await startTestServer(storage, {}, { now: () => clock });
      // An operator's token that never expires, so what it makes is bounded by its own TTL only.
      const made = await appContext(server.app).tokens.create(
        { role: 'admin', label: 'root', ttl: 'never' },
        { kind: 'operator' },
      );
      root = { token: made.token, tokenId: made.token_id };
      auditor = await createAdminToken(appContext(server.app).tokens, 'auditor', 'audit');
    });
    afterAll(async () => {
      await server?.close();
    });

    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const create = (payload: object, token = root.token) =>
      server.json<CreatedToken>({
        method: 'POST',
        url: '/api/admin/tokens',
        payload,
        headers: bearer(token),
      });
    const revoke = (tokenId: string, token = root.token) =>
      server.json<TokenRevocation>({
        method: 'POST',
        url: `/api/admin/tokens/${tokenId}/revoke`,
        headers: bearer(token),
      });
    const list = (query = '', token = root.token) =>
      server.json<Page<TokenView>>({
        method: 'GET',
        url: `/api/admin/tokens${query}`,
        headers: bearer(token),
      });
    const session = (token: string) =>
      server.json<SessionView>({
        method: 'GET',
        url: '/api/admin/session',
        headers: bearer(token),
      });
    /** The token as the listing shows it; fails the test when it is not listed. */
    const listed = async (tokenId: string): Promise<TokenView> => {
      const view = (await list('?limit=500')).data().items.find((t) => t.token_id === tokenId);
      if (!view) throw new Error(`token ${tokenId} is not in the listing`);
      return view;
    };

    it('creates a token with the default 90 day TTL, shown once and never cached', async () => {
      const res = await create({ role: 'auditor', label: 'grafana' });
      expect(res.status).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      const created = res.data();
      expect(created).toMatchObject({
        role: 'auditor',
        label: 'grafana',
        status: 'active',
        created_at: new Date(clock).toISOString(),
        expires_at: new Date(clock + 90 * DAY).toISOString(),
        revoked_at: null,
        last_used: null,
        parent_token_id: root.tokenId,
      });
      expect(created.token).toMatch(/^dfk_[A-Za-z0-9_-]{43}$/);
      expect((await session(created.token)).data()).toEqual({
        role: 'auditor',
        token_id: created.token_id,
      });
      // Listed without the token or its hash.
      const view = await listed(created.token_id);
      expect(Object.keys(view).sort()).toEqual(
        Object.keys(created)
          .filter((k) => k !== 'token')
          .sort(),
      );
      expect(JSON.stringify((await list('?limit=500')).body)).not.toContain(created.token);
    });

    it('stores a label with a lone surrogate as U+FFFD, as every text field', async () => {
      const res = await create({ role: 'auditor', label: 'half \ud800 a pair' });
      expect(res.status).toBe(201);
      expect(res.data().label).toBe('half \ufffd a pair');
      expect((await listed(res.data().token_id)).label).toBe('half \ufffd a pair');
    });

    it('takes an explicit TTL, or never when asked by name', async () => {
      const short = await create({ role: 'admin', ttl: '12h' });
      expect(short.data().expires_at).toBe(new Date(clock + 12 * HOUR).toISOString());
      const forever = await create({ role: 'admin', ttl: 'never', label: null });
      expect(forever.status).toBe(201);
      expect(forever.data().expires_at).toBeNull();
    });

    it.each([
      [{ role: 'root' }],
      [{}],
      [{ role: 'admin', ttl: '0d' }],
      [{ role: 'admin', ttl: '10' }],
      [{ role: 'admin', ttl: '1w' }],
      [{ role: 'admin', ttl: '100000d' }],
      [{ role: 'admin', ttl: 30 }],
      [{ role: 'admin', label: '' }],
      [{ role: 'admin', label: 'x'.repeat(201) }],
      [{ role: 'admin', label: 'tab\there' }],
      [{ role: 'admin', label: 'nul\u0000' }],
    ])('refuses %j with 400 INVALID_REQUEST', async (payload) => {
      const res = await create(payload);
      expect(res.status).toBe(400);
      expect(res.error().code).toBe('INVALID_REQUEST');
    });

    it('accepts a label of 200 characters, astral ones included', async () => {
      const res = await create({ role: 'auditor', label: `${'é'.repeat(198)}🔑🔑` });
      expect(res.status).toBe(201);
      expect(res.data().label).toBe(`${'é'.repeat(198)}🔑🔑`);
    });

    it('lets only admin tokens create and revoke; auditors may list', async () => {
      expect((await create({ role: 'admin' }, auditor.token)).error().code).toBe('FORBIDDEN');
      expect((await revoke(root.tokenId, auditor.token)).status).toBe(403);
      expect((await list('', auditor.token)).status).toBe(200);
      const none = await server.json({ method: 'GET', url: '/api/admin/tokens' });
      expect(none.status).toBe(401);
      expect(none.error().code).toBe('UNAUTHORIZED');
    });

    it('bounds a token made through the API by the expiry of the token that made it', async () => {
      const parent = (await create({ role: 'admin', ttl: '1h' })).data();
      const forever = await create({ role: 'auditor', ttl: 'never' }, parent.token);
      expect(forever.data().expires_at).toBe(parent.expires_at);
      const longer = await create({ role: 'auditor', ttl: '2h' }, parent.token);
      expect(longer.data().expires_at).toBe(parent.expires_at);
      const shorter = await create({ role: 'auditor', ttl: '30m' }, parent.token);
      expect(shorter.data().expires_at).toBe(new Date(clock + 30 * 60_000).toISOString());
    });

    it('refuses an expired token at once and lists it as expired', async () => {
      const made = (await create({ role: 'admin', ttl: '1h' })).data();
      expect((await session(made.token)).status).toBe(200);
      clock += HOUR;
      try {
        const res = await session(made.token);
        expect(res.status).toBe(401);
        expect(res.error().code).toBe('UNAUTHORIZED');
        expect(res.error().message).toContain('expired');
        expect((await listed(made.token_id)).status).toBe('expired');
        const expired = (await list('?status=expired&limit=500')).data().items;
        expect(expired.map((t) => t.token_id)).toContain(made.token_id);
        const active = (await list('?status=active&limit=500')).data().items;
        expect(active.map((t) => t.token_id)).not.toContain(made.token_id);
      } finally {
        clock -= HOUR;
      }
    });

    it('revokes a token: refused at once, repeating it changes nothing', async () => {
      const made = (await create({ role: 'admin', label: 'leaked' })).data();
      expect((await session(made.token)).status).toBe(200);
      const res = await revoke(made.token_id);
      expect(res.status).toBe(200);
      expect(res.data()).toEqual({
        token_id: made.token_id,
        revoked_at: new Date(clock).toISOString(),
        revoked_token_ids: [made.token_id],
      });
      const refused = await session(made.token);
      expect(refused.status).toBe(401);
      expect(refused.error().message).toContain('revoked');
      clock += 1000;
      try {
        const again = await revoke(made.token_id);
        expect(again.status).toBe(200);
        expect(again.data()).toEqual({ ...res.data(), revoked_token_ids: [] });
      } finally {
        clock -= 1000;
      }
      expect((await listed(made.token_id)).status).toBe('revoked');
    });

    it('revokes every token a token made, and theirs, with it', async () => {
      const a = (await create({ role: 'admin', label: 'a' })).data();
      const b = (await create({ role: 'admin', label: 'b' }, a.token)).data();
      const c = (await create({ role: 'auditor', label: 'c' }, b.token)).data();
      const other = (await create({ role: 'auditor', label: 'other' })).data();
      const res = await revoke(a.token_id);
      expect(res.data().revoked_token_ids).toEqual([a.token_id, b.token_id, c.token_id]);
      for (const token of [a.token, b.token, c.token]) {
        expect((await session(token)).status).toBe(401);
      }
      expect((await session(other.token)).status).toBe(200);
    });

    it.each([
      ['an unknown id', 404, 'TOKEN_NOT_FOUND', randomUUID()],
      ['an id in capitals', 400, 'INVALID_REQUEST', randomUUID().toUpperCase()],
      ['a token instead of its id', 400, 'INVALID_REQUEST', 'dfk_0123456789'],
    ])('answers a revocation of %s with %i %s', async (_, status, code, id) => {
      const res = await revoke(id);
      expect(res.status).toBe(status);
      expect(res.error().code).toBe(code);
      expect(JSON.stringify(res.body)).not.toContain('dfk_0123456789');
    });

    it('pages the listing with a cursor and filters by status', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        const page = res.data();
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((t) => t.token_id));
        cursor = page.next_cursor;
      } while (cursor);
      const all = (await list('?limit=500')).data().items;
      expect(seen).toEqual(all.map((t) => t.token_id));
      expect(new Set(seen).size).toBe(seen.length);
      const revoked = (await list('?status=revoked&limit=500')).data().items;
      expect(revoked.length).toBeGreaterThan(0);
      expect(revoked.every((t) => t.status === 'revoked')).toBe(true);
      for (const query of ['?cursor=xyz', '?status=gone', '?limit=0', '?limit=501']) {
        const res = await list(query);
        expect(res.status).toBe(400);
        expect(res.error().code).toBe('INVALID_REQUEST');
      }
    });

    it('shows last_used at once, and writes it behind rather than on the request', async () => {
      const made = (await create({ role: 'auditor', label: 'usage' })).data();
      const ctx = appContext(server.app);
      await ctx.tokens.flushUsage();
      clock += 5000;
      try {
        const at = new Date(clock).toISOString();
        expect((await session(made.token)).status).toBe(200);
        const stored = () => new TokenRepository(ctx.database.db).findById(made.token_id);
        expect((await stored())?.last_used).toBeNull();
        expect((await listed(made.token_id)).last_used).toBe(at);
        await ctx.tokens.flushUsage();
        expect((await stored())?.last_used).toBe(at);
      } finally {
        clock -= 5000;
      }
    });

    it('keeps accepting a token made before tokens expired, listed as never expiring', async () => {
      // What migration 0003 leaves of a token made earlier: the original columns only.
      const secret = `dfk_${'L'.repeat(43)}`;
      const tokenId = randomUUID();
      await appContext(server.app)
        .database.db.insertInto('admin_tokens')
        .values({
          token_id: tokenId,
          token_hash: hashToken(secret),
          role: 'auditor',
          label: 'from before',
          created_at: '2025-01-01T00:00:00.000Z',
        })
        .execute();
      expect((await session(secret)).data()).toEqual({ role: 'auditor', token_id: tokenId });
      expect(await listed(tokenId)).toMatchObject({
        status: 'active',
        expires_at: null,
        parent_token_id: null,
      });
    });

    it('audits creation and revocation with who did it, never the token or its hash', async () => {
      const made = (await create({ role: 'auditor', label: 'audited' })).data();
      await revoke(made.token_id);
      const missing = randomUUID();
      await revoke(missing);
      const res = await server.json<AuditPage>({
        method: 'GET',
        url: '/api/admin/audit/recent?limit=500',
        headers: bearer(auditor.token),
      });
      const entries = res.data().items;
      const about = (id: string) => entries.filter((e) => e.details.token_id === id);
      expect(about(made.token_id).map((e) => [e.action, e.outcome, e.actor])).toEqual([
        ['token.revoke', 'success', `admin:${root.tokenId}`],
        ['token.create', 'success', `admin:${root.tokenId}`],
      ]);
      expect(about(made.token_id)[1]!.details).toEqual({
        token_id: made.token_id,
        role: 'auditor',
        label: 'audited',
        expires_at: made.expires_at,
        parent_token_id: root.tokenId,
      });
      expect(about(missing).map((e) => e.outcome)).toEqual(['failure:TOKEN_NOT_FOUND']);
      expect(about(root.tokenId).find((e) => e.action === 'token.create')?.actor).toBe(
        'operator:local',
      );
      const cascaded = entries.find((e) => e.details.cascade_from !== undefined);
      expect(cascaded?.action).toBe('token.revoke');
      const log = JSON.stringify(entries);
      expect(log).not.toContain(made.token);
      expect(log).not.toContain(hashToken(made.token));
      const chain = await server.json<ChainState>({
        method: 'GET',
        url: '/api/admin/audit/chain',
        headers: bearer(auditor.token),
      });
      expect(chain.data().intact).toBe(true);
    });
  });
}
