import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVITY_LIMITS } from '../../src/activity/activity-limits.js';
import { appContext } from '../../src/app/build-app.js';
import { createAdminToken } from '../../src/domain/admin-tokens.js';
import { newKey, nonce, registerBody, sign, signStatement, type TestKey } from '../helpers/keys.js';
import type { ActivityReport as ActivityView } from '../../src/activity/activity-report.js';
import { startTestServer, type StorageFactory, type TestServer } from '../helpers/test-server.js';

/**
 * GET /api/admin/activity over real requests: what the routes counted, once flushed, is what the
 * report shows, bucketed, totalled and per client. Run against SQLite and a real PostgreSQL.
 */
export function activityRoutesSuite(label: string, storage: StorageFactory): void {
  describe(`activity counters and GET /api/admin/activity (${label})`, () => {
    let server: TestServer;
    let admin: Record<string, string>;
    let auditor: Record<string, string>;
    beforeAll(async () => {
      server = await startTestServer(storage);
      const tokens = appContext(server.app).tokens;
      admin = { authorization: `Bearer ${(await createAdminToken(tokens, 'admin')).token}` };
      auditor = { authorization: `Bearer ${(await createAdminToken(tokens, 'auditor')).token}` };
    });
    afterAll(async () => {
      await server?.close();
    });

    const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
      server.json({ method: 'POST', url, payload, headers });
    const activity = (window = '1h', headers = admin) =>
      server.json<ActivityView>({
        method: 'GET',
        url: `/api/admin/activity?window=${window}`,
        headers,
      });
    const verify = (clientId: string, key: TestKey, message = 'm') =>
      post('/api/crypto/signatures/verify', {
        client_id: clientId,
        message,
        signature: sign(key, message),
      });
    const flush = () => appContext(server.app).activity.flush();
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

    it('answers an empty window with zero bars before anything happened', async () => {
      const res = await activity('24h', auditor);
      expect(res.status).toBe(200);
      const data = res.data();
      expect(data.window).toBe('24h');
      expect(data.bucket_seconds).toBe(900);
      expect(data.buckets).toHaveLength(96);
      expect(data.series.verification.ok).toEqual(new Array(96).fill(0));
      expect(data.totals.registration).toEqual({ ok: 0, failed: 0 });
      expect(data.top_failing_clients).toEqual([]);
      expect(data.keys).toEqual({ active: 0, superseded: 0, revoked: 0 });
      // Evenly spaced, the last bar holding now.
      const starts = data.buckets.map((b) => Date.parse(b));
      expect(new Set(starts.slice(1).map((s, i) => s - starts[i]!))).toEqual(new Set([900_000]));
      expect(Date.parse(data.to) - starts.at(-1)!).toBe(900_000);
      expect(Date.parse(data.to)).toBeGreaterThan(Date.now() - 1);
    });

    it('counts verifications, registrations, rotations and revocations once flushed', async () => {
      const alpha = newKey();
      const beta = newKey();
      expect(
        (await post('/api/crypto/keys/register', registerBody(alpha, 'act-alpha'))).status,
      ).toBe(201);
      expect((await post('/api/crypto/keys/register', registerBody(beta, 'act-beta'))).status).toBe(
        201,
      );
      // A refused registration: the client id is taken.
      expect(
        (await post('/api/crypto/keys/register', registerBody(newKey(), 'act-alpha'))).status,
      ).toBe(409);
      for (let i = 0; i < 3; i += 1) expect((await verify('act-alpha', alpha)).status).toBe(200);
      // Failures: a wrong key twice for alpha, once for beta, an unknown client, a malformed request.
      expect((await verify('act-alpha', beta)).status).toBe(401);
      expect((await verify('act-alpha', beta)).status).toBe(401);
      expect((await verify('act-beta', alpha)).status).toBe(401);
      expect((await verify('act-nobody', alpha)).status).toBe(404);
      expect((await post('/api/crypto/signatures/verify', { client_id: 'act-alpha' })).status).toBe(
        400,
      );

      // Rotation by the key's own statement, revocation by an admin.
      const next = newKey();
      const fields = {
        action: 'rotate' as const,
        clientId: 'act-beta',
        publicKey: beta.hex,
        newPublicKey: next.hex,
        timestamp: new Date().toISOString(),
        nonce: nonce(),
      };
      const rotated = await post('/api/crypto/keys/rotate', {
        client_id: 'act-beta',
        new_public_key: next.hex,
        reason: null,
        timestamp: fields.timestamp,
        nonce: fields.nonce,
        signature: signStatement(beta, fields),
        new_key_signature: signStatement(next, fields),
      });
      expect(rotated.status).toBe(200);
      expect(
        (await post('/api/admin/registrations/act-alpha/revoke', { reason: 'x' }, admin)).status,
      ).toBe(200);

      // Nothing is read from memory: before the flush the report shows what the database holds.
      expect((await activity()).data().totals.verification).toEqual({ ok: 0, failed: 0 });
      await flush();

      const data = (await activity()).data();
      expect(data.totals).toEqual({
        verification: { ok: 3, failed: 5 },
        registration: { ok: 2, failed: 1 },
        rotation: { ok: 1, failed: 0 },
        revocation: { ok: 1, failed: 0 },
      });
      expect(sum(data.series.verification.ok)).toBe(3);
      expect(sum(data.series.verification.failed)).toBe(5);
      expect(data.buckets).toHaveLength(60);
      expect(data.bucket_seconds).toBe(60);
      expect(data.top_failing_clients).toEqual([
        { client_id: 'act-alpha', failures: 3 },
        { client_id: 'act-beta', failures: 1 },
        { client_id: 'act-nobody', failures: 1 },
      ]);
      expect(data.keys).toEqual({ active: 1, superseded: 1, revoked: 1 });
      // The same counts in the wider windows, in fewer, longer bars.
      for (const window of ['24h', '7d']) {
        expect((await activity(window, auditor)).data().totals).toEqual(data.totals);
      }
    });

    it('adds flushes together rather than replacing them', async () => {
      const before = (await activity()).data().totals.verification.failed;
      const key = newKey();
      await verify('act-gamma', key);
      await flush();
      await verify('act-gamma', key);
      await verify('act-gamma', key);
      await flush();
      const data = (await activity()).data();
      expect(data.totals.verification.failed).toBe(before + 3);
      expect(data.top_failing_clients).toContainEqual({ client_id: 'act-gamma', failures: 3 });
    });

    it('deletes minutes older than the retention, and only those', async () => {
      const ctx = appContext(server.app);
      const nowMinute = Math.floor(Date.now() / 60_000);
      const old = nowMinute - ACTIVITY_LIMITS.retentionMinutes - 1;
      const kept = nowMinute - ACTIVITY_LIMITS.retentionMinutes + 1;
      await ctx.batcher.run((trx) =>
        ctx.activityRepository.add(trx, {
          counts: [old, kept].map((bucket_minute) => ({
            bucket_minute,
            kind: 'rotation' as const,
            outcome: 'failed' as const,
            count: 1,
          })),
          clientFailures: [old, kept].map((bucket_minute) => ({
            bucket_minute,
            client_id: 'act-old',
            count: 1,
          })),
        }),
      );
      await ctx.activityRepository.prune(nowMinute - ACTIVITY_LIMITS.retentionMinutes);
      const minutes = async (table: 'activity_counts' | 'activity_client_failures') =>
        (
          await ctx.database.db
            .selectFrom(table)
            .select('bucket_minute')
            .where('bucket_minute', '<=', kept)
            .execute()
        ).map((r) => Number(r.bucket_minute));
      expect(await minutes('activity_counts')).toEqual([kept]);
      expect(await minutes('activity_client_failures')).toEqual([kept]);
    });

    it('refuses an unknown window and a missing token', async () => {
      const bad = await activity('30d');
      expect(bad.status).toBe(400);
      expect(bad.error().code).toBe('INVALID_REQUEST');
      const none = await activity('1h', {});
      expect(none.status).toBe(401);
    });
  });
}
