import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContext } from '../../src/app/build-app.js';
import { createAdminToken } from '../../src/domain/admin-tokens.js';
import { newKey, registerBody, registrationProof } from '../helpers/keys.js';
import type { RegistrationPage } from '../helpers/route-data.js';
import { startTestServer, type StorageFactory, type TestServer } from '../helpers/test-server.js';

const DAY_MS = 86_400_000;

/**
 * GET /api/admin/registrations: sort, older_than_days and never_used through the route, the coded
 * 400 for a bad value, and the rotation due date a client's `rotation_interval_days` gives (and
 * does not give, for a value out of bounds, which registration still takes).
 * Run against SQLite and against a real PostgreSQL.
 */
export function adminListingRoutesSuite(label: string, storage: StorageFactory): void {
  describe(`admin registrations listing: sort, age filters, rotation due (${label})`, () => {
    let server: TestServer;
    const today = Date.now();
    let clock = today;
    let auth: Record<string, string>;
    beforeAll(async () => {
      server = await startTestServer(storage, {}, { now: () => clock });
      auth = {
        authorization: `Bearer ${(await createAdminToken(appContext(server.app).tokens, 'auditor')).token}`,
      };
      // Keys registered 200, 100, 30 and 0 days ago (the server's clock moved for each).
      for (const [clientId, daysAgo, metadata] of [
        ['age-200', 200, { rotation_interval_days: 90 }],
        ['age-100', 100, null],
        ['age-030', 30, { rotation_interval_days: 90, team: 'ops' }],
        ['age-000', 0, null],
      ] as const) {
        clock = today - daysAgo * DAY_MS;
        const key = newKey();
        const res = await server.json({
          method: 'POST',
          url: '/api/crypto/keys/register',
          // The proof is signed at the server's (moved) time, as a client at that time would.
          payload: {
            client_id: clientId,
            public_key: key.hex,
            proof: registrationProof(key, clientId, new Date(clock).toISOString()),
            metadata,
          },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
      clock = today;
    });
    afterAll(async () => {
      await server?.close();
    });

    const list = async (query: string) => {
      const res = await server.json<RegistrationPage>({
        method: 'GET',
        url: `/api/admin/registrations?${query}`,
        headers: auth,
      });
      expect(res.status).toBe(200);
      return res.data();
    };
    const clients = async (query: string) => (await list(query)).items.map((r) => r.client_id);

    it('lists newest first by default and in any asked order', async () => {
      expect(await clients('')).toEqual(['age-000', 'age-030', 'age-100', 'age-200']);
      expect(await clients('sort=registered_at')).toEqual([
        'age-200',
        'age-100',
        'age-030',
        'age-000',
      ]);
      expect(await clients('sort=-client_id')).toEqual([
        'age-200',
        'age-100',
        'age-030',
        'age-000',
      ]);
    });

    it('pages every row once in the asked order, the cursor keeping the sort', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: RegistrationPage = await list(
          cursor ? `limit=1&cursor=${cursor}` : 'limit=1&sort=client_id',
        );
        seen.push(...page.items.map((r) => r.client_id));
        cursor = page.next_cursor;
      } while (cursor);
      expect(seen).toEqual(['age-000', 'age-030', 'age-100', 'age-200']);
    });

    it('filters active keys older than N days, and keys never used', async () => {
      expect(await clients('older_than_days=90')).toEqual(['age-100', 'age-200']);
      expect(await clients('older_than_days=90&sort=client_id')).toEqual(['age-100', 'age-200']);
      expect(await clients('never_used=true&sort=registered_at')).toEqual([
        'age-200',
        'age-100',
        'age-030',
        'age-000',
      ]);
      expect(await clients('never_used=false&older_than_days=150')).toEqual(['age-200']);
    });

    it('shows when a key is due for rotation where its client reported a policy', async () => {
      const rows = (await list('sort=client_id')).items;
      const due = Object.fromEntries(rows.map((r) => [r.client_id, r.rotation_due_at]));
      expect(due).toEqual({
        'age-000': null,
        'age-030': new Date(today - 30 * DAY_MS + 90 * DAY_MS).toISOString(),
        'age-100': null,
        'age-200': new Date(today - 200 * DAY_MS + 90 * DAY_MS).toISOString(),
      });
      expect(rows.every((r) => r.used_after_superseded === false)).toBe(true);
      // Overdue: due date passed; due: passed or within 7 days (age-030 is due in 60 days).
      expect(await clients('rotation=overdue')).toEqual(['age-200']);
      expect(await clients('rotation=due&sort=client_id')).toEqual(['age-200']);
    });

    it('refuses a bad sort, age or never_used value with the coded 400', async () => {
      for (const [query, field] of [
        ['sort=fingerprint', 'sort'],
        ['sort=--client_id', 'sort'],
        ['older_than_days=-1', 'older_than_days'],
        ['older_than_days=1.5', 'older_than_days'],
        ['older_than_days=100000', 'older_than_days'],
        ['never_used=yes', 'never_used'],
        ['rotation=soon', 'rotation'],
        ['rotation=due&status=revoked', 'rotation'],
      ]) {
        const res = await server.json({
          method: 'GET',
          url: `/api/admin/registrations?${query}`,
          headers: auth,
        });
        expect(res.status, query).toBe(400);
        expect(res.error().code).toBe('INVALID_REQUEST');
        expect(res.error().details).toMatchObject({ field });
      }
      const combined = await server.json({
        method: 'GET',
        url: '/api/admin/registrations?search=age&sort=client_id',
        headers: auth,
      });
      expect(combined.status).toBe(400);
      expect(combined.error().code).toBe('INVALID_REQUEST');
    });

    it('registers a rotation_interval_days outside 1 to 3650 days as before, as metadata with no due date', async () => {
      // The register route is the wire protocol's: metadata a client could send before is still
      // taken, kept as sent; only the listing's reading of it is bounded.
      for (const [i, days] of [0, 3651, 1.5, '90', null].entries()) {
        const clientId = `odd-policy-${i}`;
        const res = await server.json({
          method: 'POST',
          url: '/api/crypto/keys/register',
          payload: registerBody(newKey(), clientId, { metadata: { rotation_interval_days: days } }),
        });
        expect(res.status, String(days)).toBe(201);
        const history = await server.json<{ registrations: Array<Record<string, unknown>> }>({
          method: 'GET',
          url: `/api/admin/clients/${clientId}`,
          headers: auth,
        });
        const [row] = history.data().registrations;
        expect(row!.metadata).toEqual({ rotation_interval_days: days });
        expect(row!.rotation_due_at, String(days)).toBeNull();
      }
    });
  });
}
