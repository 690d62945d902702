import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001-initial.js';
import * as m0002 from './migrations/0002-listing-indexes.js';
import * as m0003 from './migrations/0003-admin-token-lifecycle.js';
import * as m0004 from './migrations/0004-request-nonces.js';
import * as m0005 from './migrations/0005-activity-counters.js';
import * as m0006 from './migrations/0006-sort-indexes.js';
import * as m0007 from './migrations/0007-key-name-trigrams.js';

/**
 * The numbered migrations, in order. Forward only: none has a `down`, and a released one is never
 * edited; a change is a new number.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-listing-indexes': m0002,
  '0003-admin-token-lifecycle': m0003,
  '0004-request-nonces': m0004,
  '0005-activity-counters': m0005,
  '0006-sort-indexes': m0006,
  '0007-key-name-trigrams': m0007,
};

class StaticMigrationProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(MIGRATIONS);
  }
}

/**
 * Applies every migration not yet applied, each in its own transaction. Kysely's migrator takes a
 * lock table first, so two instances starting against one PostgreSQL do not race.
 * Throws when a migration fails; the server then refuses to start.
 *
 * @example
 * await migrateToLatest(db);
 */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<string[]> {
  return migrateTo(db, null);
}

/**
 * Applies the migrations up to and including `last` (a name of MIGRATIONS), or all of them for
 * null: for tests of a migration over data written before it. Errors as migrateToLatest's.
 *
 * @example
 * await migrateTo(db, '0006-sort-indexes'); // the schema 0007 starts from
 */
export async function migrateTo<T>(db: Kysely<T>, last: string | null): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new StaticMigrationProvider(),
    migrationTableName: 'datafold_migrations',
    migrationLockTableName: 'datafold_migrations_lock',
  });
  const { error, results } =
    last === null ? await migrator.migrateToLatest() : await migrator.migrateTo(last);
  if (error) {
    // No failed migration means none could start: the database was not reached or refused us,
    // and its own error says how.
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    if (!failed) {
      throw error instanceof Error
        ? error
        : new Error('database migration failed', { cause: error });
    }
    throw new Error(`database migration ${failed} failed`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
