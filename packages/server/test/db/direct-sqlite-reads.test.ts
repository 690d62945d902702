// Compiled reads run straight on better-sqlite3 (db/direct-sqlite-reads.ts) answer exactly what
// Kysely's execution of the same statement answers: the same values, the same keys in the same
// order, nulls included; and never inside a transaction, whose uncommitted rows they would see.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CompiledOnce } from '../../src/db/compiled-query.js';
import { DirectSqliteRead, sqliteHandleOf } from '../../src/db/direct-sqlite-reads.js';
import { migrateToLatest } from '../../src/db/migrate-to-latest.js';
import { openDatabase, type OpenDatabase } from '../../src/db/open-database.js';
import type { RegistrationRow } from '../../src/repositories/registration-repository.js';

const dir = mkdtempSync(join(tmpdir(), 'datafold-direct-reads-'));
let database: OpenDatabase;

const full: RegistrationRow = {
  registration_id: '00000000-0000-4000-8000-000000000001',
  client_id: 'client-full',
  public_key: 'ab'.repeat(32),
  user_id: 'user-1',
  key_name: 'laptop',
  metadata: '{"rotation_interval_days":90}',
  status: 'superseded',
  registered_at: '2026-01-01T00:00:00.000Z',
  last_used: '2026-02-01T00:00:00.000Z',
  status_changed_at: '2026-01-15T00:00:00.000Z',
  status_reason: 'rotated',
  replaced_by: '00000000-0000-4000-8000-000000000002',
  proof_verified: 1,
};
const sparse: RegistrationRow = {
  registration_id: '00000000-0000-4000-8000-000000000002',
  client_id: 'client-full',
  public_key: 'cd'.repeat(32),
  user_id: null,
  key_name: null,
  metadata: null,
  status: 'active',
  registered_at: '2026-01-15T00:00:00.000Z',
  last_used: null,
  status_changed_at: null,
  status_reason: null,
  replaced_by: null,
  proof_verified: 0,
};

const byClient = () =>
  new CompiledOnce<RegistrationRow>(database.db, (db, p) =>
    db
      .selectFrom('registrations')
      .selectAll()
      .where('client_id', '=', p('clientId'))
      .orderBy('registered_at'),
  );

beforeAll(async () => {
  database = openDatabase({ dataDir: dir, databaseUrl: null });
  await migrateToLatest(database.db);
  await database.db.insertInto('registrations').values([full, sparse]).execute();
});

afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('compiled reads on SQLite', () => {
  it('answer what Kysely answers, key order and nulls included, without going through Kysely', async () => {
    const query = byClient();
    const values = { clientId: 'client-full' };
    const throughKysely = (await database.db.executeQuery(query.bind(values))).rows;
    const execute = vi.spyOn(database.db, 'executeQuery');
    try {
      const { rows } = await query.run(database.db, values);
      expect(execute).not.toHaveBeenCalled();
      expect(rows).toStrictEqual(throughKysely);
      // Key order matters: anything serialised without a schema (the audit view) keeps it.
      expect(JSON.stringify(rows)).toBe(JSON.stringify(throughKysely));
      expect(rows).toStrictEqual([full, sparse]);
      expect(rows.map((r) => Object.keys(r))).toStrictEqual([Object.keys(full), Object.keys(full)]);
    } finally {
      execute.mockRestore();
    }
  });

  it('go through Kysely in a transaction, and a read from outside never sees its uncommitted rows', async () => {
    const query = byClient();
    const values = { clientId: 'client-tx' };
    let pending: Promise<{ rows: RegistrationRow[] }> | undefined;
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('registrations')
          .values({
            ...sparse,
            registration_id: 'tx-row',
            client_id: 'client-tx',
            public_key: 'ef'.repeat(32),
          })
          .execute();
        // Not awaited here: through Kysely it waits for the transaction to end.
        pending = query.run(database.db, values);
        const inside = await query.run(trx, values);
        expect(inside.rows.map((r) => r.registration_id)).toStrictEqual(['tx-row']);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await pending!).rows).toStrictEqual([]);
  });
});

describe('DirectSqliteRead', () => {
  const sqlite = () => sqliteHandleOf(database.db)!;

  it('is there only for the database open-database.ts made', () => {
    expect(sqliteHandleOf(database.db)).toBeDefined();
    expect(sqliteHandleOf({})).toBeUndefined();
  });

  it('keeps a repeated column name where better-sqlite3 puts it, with its last value', () => {
    const text = `select 1 as a, 2 as b, 3 as a, null as c`;
    const direct = DirectSqliteRead.of<Record<string, unknown>>(sqlite(), text)!;
    const objects = sqlite().prepare(text).all() as Record<string, unknown>[];
    const rows = direct.all([])!;
    expect(rows).toStrictEqual(objects);
    expect(JSON.stringify(rows)).toBe(JSON.stringify(objects));
  });

  it('declines statements that write, even those that return rows', () => {
    expect(
      DirectSqliteRead.of(
        sqlite(),
        `update registrations set key_name = key_name where client_id = ? returning registration_id`,
      ),
    ).toBeNull();
    expect(
      DirectSqliteRead.of(sqlite(), `delete from registrations where client_id = ?`),
    ).toBeNull();
  });

  it('leaves the statements Kysely shares returning objects', async () => {
    const query = byClient();
    await query.run(database.db, { clientId: 'client-full' });
    const again = await database.db
      .selectFrom('registrations')
      .selectAll()
      .where('client_id', '=', 'client-full')
      .orderBy('registered_at')
      .execute();
    expect(again).toStrictEqual([full, sparse]);
  });
});
