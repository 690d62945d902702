import {
  runServerCommand,
  startDatafoldServer,
  startPostgresCluster,
  type DatafoldServer,
  type PostgresCluster,
} from '@datafold/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityReport } from '../../src/activity/activity-report.js';
import { fetchJson } from '../helpers/json-answer.js';
import { newKey, registerBody, sign } from '../helpers/keys.js';

/**
 * Two server processes on one PostgreSQL: each counts what it answered and adds it to the
 * database on its own timer, and both report the sum; what one counted just before a SIGTERM
 * is written by its shutdown.
 */
describe('activity counted by two instances sharing one PostgreSQL', () => {
  let cluster: PostgresCluster;
  let a: DatafoldServer;
  let b: DatafoldServer;
  let auditor: string;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
    const env = { DATABASE_URL: await cluster.createDatabase() };
    a = await startDatafoldServer({ dataDir: false, env });
    b = await startDatafoldServer({ dataDir: false, env });
    const created = await runServerCommand(['token', 'create', '--role', 'auditor'], env);
    auditor = /^dfk_\S+$/m.exec(created.stdout)?.[0] ?? '';
    expect(auditor).not.toBe('');
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    cluster?.stop();
  });

  const report = async (server: DatafoldServer, window = '1h') => {
    const res = await fetch(`${server.url}/api/admin/activity?window=${window}`, {
      headers: { authorization: `Bearer ${auditor}` },
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { data: ActivityReport }).data;
  };
  const verify = (server: DatafoldServer, clientId: string, signature: string) =>
    fetchJson(`${server.url}/api/crypto/signatures/verify`, {
      client_id: clientId,
      message: 'hi',
      signature,
    });

  it('shows the same sums on both, and what one wrote as it stopped', async () => {
    const key = newKey();
    const wrong = newKey();
    expect(
      (await fetchJson(`${a.url}/api/crypto/keys/register`, registerBody(key, 'pair-1'))).status,
    ).toBe(201);
    for (let i = 0; i < 4; i += 1)
      expect((await verify(a, 'pair-1', sign(key, 'hi'))).status).toBe(200);
    for (let i = 0; i < 3; i += 1)
      expect((await verify(b, 'pair-1', sign(key, 'hi'))).status).toBe(200);
    for (let i = 0; i < 2; i += 1)
      expect((await verify(b, 'pair-1', sign(wrong, 'hi'))).status).toBe(401);
    expect((await verify(a, 'pair-1', sign(wrong, 'hi'))).status).toBe(401);

    const expected = {
      verification: { ok: 7, failed: 3 },
      registration: { ok: 1, failed: 0 },
      rotation: { ok: 0, failed: 0 },
      revocation: { ok: 0, failed: 0 },
    };
    // Each instance adds its counts every few seconds: wait for both to have written.
    await expect
      .poll(async () => (await report(a)).totals, { timeout: 30_000, interval: 500 })
      .toEqual(expected);
    const [fromA, fromB] = await Promise.all([report(a, '24h'), report(b, '24h')]);
    expect(fromB).toEqual(fromA);
    expect(fromA.totals).toEqual(expected);
    expect(fromA.top_failing_clients).toEqual([{ client_id: 'pair-1', failures: 3 }]);
    expect(fromA.keys).toEqual({ active: 1, superseded: 0, revoked: 0 });

    // Counted on b, then b stops at once: its shutdown writes the counts, a shows them.
    for (let i = 0; i < 5; i += 1)
      expect((await verify(b, 'pair-1', sign(key, 'hi'))).status).toBe(200);
    expect(await b.stop()).toBe(0);
    expect((await report(a)).totals.verification).toEqual({ ok: 12, failed: 3 });
  });

  it('keeps what it counted through a database outage and writes it once the database is back', async () => {
    await cluster.stopServer('fast');
    // Refused before any read (the key is no key), so counted while the database is away.
    for (let i = 0; i < 2; i += 1) {
      const refused = await fetchJson(`${a.url}/api/crypto/keys/register`, {
        client_id: 'outage-1',
        public_key: 'zz',
      });
      expect(refused.status).toBe(400);
    }
    // Long enough for at least one flush to fail (every 5 s) while the database is down.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    await cluster.startServer();
    await expect
      .poll(async () => (await report(a)).totals.registration, { timeout: 60_000, interval: 1_000 })
      .toEqual({ ok: 1, failed: 2 });
    expect((await report(a)).top_failing_clients).toContainEqual({
      client_id: 'outage-1',
      failures: 2,
    });
    expect(a.child.exitCode).toBeNull();
  });
});
