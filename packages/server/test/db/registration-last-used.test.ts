// The `last_used` flush on SQLite and a real PostgreSQL: every buffered time is written, across
// more rows than one statement carries, and a stored time is never moved backwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgresCluster, type PostgresCluster } from '@datafold/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate-to-latest.js';
import { openDatabase, type OpenDatabase } from '../../src/db/open-database.js';
import {
  RegistrationRepository,
  type RegistrationRow,
} from '../../src/repositories/registration-repository.js';

let cluster: PostgresCluster;
const dir = mkdtempSync(join(tmpdir(), 'datafold-last-used-'));
beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(() => {
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const engines: Array<[string, () => Promise<OpenDatabase>]> = [
  ['SQLite', () => Promise.resolve(openDatabase({ dataDir: dir, databaseUrl: null }))],
  [
    'PostgreSQL',
    async () => openDatabase({ dataDir: '', databaseUrl: await cluster.createDatabase() }),
  ],
];

const row = (i: number, lastUsed: string | null): RegistrationRow => ({
  registration_id: `reg-${i}`,
  client_id: `client-${i}`,
  public_key: i.toString(16).padStart(64, '0'),
  user_id: null,
  key_name: null,
  metadata: null,
  status: 'active',
  registered_at: '2026-01-01T00:00:00.000Z',
  last_used: lastUsed,
  status_changed_at: null,
  status_reason: null,
  replaced_by: null,
  proof_verified: 0,
});

for (const [engine, open] of engines) {
  describe(`last_used flush on ${engine}`, () => {
    it('writes every time given and keeps a later stored time', async () => {
      const database = await open();
      try {
        await migrateToLatest(database.db);
        const count = 1_203; // more than two statements' worth
        const earlier = '2026-02-01T00:00:00.000Z';
        const later = '2026-03-01T00:00:00.000Z';
        await database.db
          .insertInto('registrations')
          .values(Array.from({ length: count }, (_, i) => row(i, i % 3 === 0 ? later : null)))
          .execute();
        const repository = new RegistrationRepository(database.db);
        const times = new Map(Array.from({ length: count }, (_, i) => [`reg-${i}`, earlier]));
        times.set('reg-unknown', earlier); // a registration gone meanwhile: nothing to write
        await database.db.transaction().execute((trx) => repository.updateLastUsed(trx, times));
        const stored = await database.db
          .selectFrom('registrations')
          .select(['registration_id', 'last_used'])
          .execute();
        expect(stored).toHaveLength(count);
        for (const { registration_id, last_used } of stored) {
          const i = Number(registration_id.slice(4));
          expect(last_used).toBe(i % 3 === 0 ? later : earlier);
        }
      } finally {
        await database.close();
      }
    });
  });
}
