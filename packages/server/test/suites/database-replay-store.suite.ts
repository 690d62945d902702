import { signRequest } from '@datafold/js-sdk';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContext } from '../../src/app/build-app.js';
import { DatabaseReplayStore } from '../../src/replay/database-replay-store.js';
import { newKey, registerBody } from '../helpers/keys.js';
import { startTestServer, type StorageFactory, type TestServer } from '../helpers/test-server.js';
import { fieldsOf } from '../signed-requests/signed-request-client.js';

/**
 * The replay store of signed requests in the database (migration 4), on SQLite or PostgreSQL:
 * insert-if-absent, an expired row taken over, the purge, and a store that cannot write refusing
 * the request (503) instead of passing it.
 */
export function databaseReplayStoreSuite(label: string, storage: StorageFactory): void {
  describe(`the database replay store (${label})`, () => {
    let server: TestServer;
    let clock = Date.parse('2026-12-01T10:00:00.000Z');
    let store: DatabaseReplayStore;
    beforeAll(async () => {
      server = await startTestServer(storage);
      store = new DatabaseReplayStore(appContext(server.app).database.db, () => clock);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('answers new once per client and nonce, seen after', async () => {
      const until = clock + 330_000;
      expect(await store.remember('a\nAAECAwQFBgcICQoLDA0ODw', until)).toBe('new');
      expect(await store.remember('a\nAAECAwQFBgcICQoLDA0ODw', until)).toBe('seen');
      // The same nonce from another client is another key.
      expect(await store.remember('b\nAAECAwQFBgcICQoLDA0ODw', until)).toBe('new');
    });

    it('lets a new signature take over a row past its expiry, and purges only expired rows', async () => {
      expect(await store.remember('c\nexpiring-nonce-0000000', clock + 1_000)).toBe('new');
      expect(await store.remember('c\nlasting-nonce-00000000', clock + 600_000)).toBe('new');
      clock += 2_000;
      expect(await store.remember('c\nexpiring-nonce-0000000', clock + 1_000)).toBe('new');
      clock += 2_000;
      expect(await store.purgeExpired()).toBe(1);
      expect(await store.remember('c\nlasting-nonce-00000000', clock + 600_000)).toBe('seen');
    });

    it('fails closed: a store that cannot write answers 503 REPLAY_STORE_UNAVAILABLE with Retry-After', async () => {
      const key = newKey();
      const register = await server.json({
        method: 'POST',
        url: '/api/crypto/keys/register',
        payload: registerBody(key, 'store-down'),
      });
      expect(register.status).toBe(201);
      const signed = await signRequest(new Request('https://app.example/orders?id=7'), {
        clientId: 'store-down',
        privateKey: key.seed,
      });
      const headers = fieldsOf(signed.headers);
      const forward = () =>
        server.json({
          method: 'POST',
          url: '/api/crypto/requests/verify',
          payload: {
            method: 'GET',
            target_uri: signed.url,
            headers,
          },
        });
      const db = appContext(server.app).database.db;
      await sql`alter table request_nonces rename to request_nonces_away`.execute(db);
      try {
        const refused = await forward();
        expect(refused.status).toBe(503);
        expect(refused.error().code).toBe('REPLAY_STORE_UNAVAILABLE');
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      } finally {
        await sql`alter table request_nonces_away rename to request_nonces`.execute(db);
      }
      // Nothing was recorded while the store was away, so the same request now passes once.
      expect((await forward()).status).toBe(200);
      expect((await forward()).error().code).toBe('REQUEST_SIGNATURE_REPLAYED');
    });
  });
}
