import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

/**
 * Migration 7: `registration_name_trigrams`, an index of every key name's trigrams in listing
 * order, so the admin search's key-name phase ("key names containing the text", issue 18) reads
 * an index instead of walking registrations (repositories/key-name-trigram-walk.ts).
 *
 * One row per distinct trigram of `lower(key_name)` (3 consecutive characters, code points on
 * both engines) and registration, keyed (trigram, registered_at, registration_id): the postings of
 * one trigram are a range already in the listing's page order, so a page of matches is a seek
 * from its cursor plus the rows it reads, never a sort of all matches, however common the text.
 * The engines' own `lower` is indexed, the one the search's exact filter applies, so a name the
 * filter matches holds every trigram of the (lowercased) search text.
 *
 * Triggers keep it in step with `registrations` on insert, on a change of key name or
 * registration time, and on delete, whichever code writes the row. It uses no extension (FTS5's
 * trigram tokenizer or pg_trgm would need a sort of all matches to page in listing order, and
 * pg_trgm may not be installable), and the same query serves both engines.
 *
 * Forward only, like every migration: a later change is a new number.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('registration_name_trigrams')
    .addColumn('trigram', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('registration_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('registration_name_trigrams_pk', [
      'trigram',
      'registered_at',
      'registration_id',
    ])
    // SQLite: the primary key is the table, so a posting walk reads one b-tree.
    .$call((t) => (postgres ? t : t.modifyEnd(sql`without rowid`)))
    .execute();
  if (postgres) await postgresTriggers(db);
  else await sqliteTriggers(db);
}

/**
 * The trigrams of one name on PostgreSQL: `generate_series` over its character positions.
 * `name` is the column as `new.key_name`, `old.key_name` or `r.key_name`.
 */
const postgresTrigrams = (name: RawBuilder<unknown>) =>
  sql`select distinct substr(lower(${name}), i, 3) as trigram
    from generate_series(1, char_length(lower(${name})) - 2) as i`;

async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  const newName = sql.raw('new.key_name');
  const oldName = sql.raw('old.key_name');
  await sql`create function registration_name_trigrams_sync() returns trigger
    language plpgsql as $$
    begin
      if tg_op <> 'INSERT' and old.key_name is not null then
        delete from registration_name_trigrams
          where registered_at = old.registered_at and registration_id = old.registration_id
            and trigram in (${postgresTrigrams(oldName)});
      end if;
      if tg_op <> 'DELETE' and new.key_name is not null then
        insert into registration_name_trigrams (trigram, registered_at, registration_id)
          select t.trigram, new.registered_at, new.registration_id
          from (${postgresTrigrams(newName)}) as t;
      end if;
      return null;
    end
    $$`.execute(db);
  await sql`create trigger registration_name_trigrams_insert
    after insert on registrations for each row
    when (new.key_name is not null)
    execute function registration_name_trigrams_sync()`.execute(db);
  // Only a changed name or time: last_used and status updates (the hot writes) pass by.
  await sql`create trigger registration_name_trigrams_update
    after update of key_name, registered_at on registrations for each row
    when (old.key_name is distinct from new.key_name
      or old.registered_at is distinct from new.registered_at)
    execute function registration_name_trigrams_sync()`.execute(db);
  await sql`create trigger registration_name_trigrams_delete
    after delete on registrations for each row
    when (old.key_name is not null)
    execute function registration_name_trigrams_sync()`.execute(db);
  await sql`insert into registration_name_trigrams (trigram, registered_at, registration_id)
    select t.trigram, r.registered_at, r.registration_id
    from registrations r cross join lateral (${postgresTrigrams(sql.raw('r.key_name'))}) as t
    where r.key_name is not null`.execute(db);
}

/**
 * The trigram positions of one name on SQLite, which has no series function and allows no WITH in
 * a trigger: `json_each` over a JSON array with one element per position (`[0,0,…]`, built from a
 * zeroblob of that length), its `key` being the position from 0. A table-valued function, so it
 * may take a column of the row it is joined to, which a subquery in FROM may not.
 */
const sqlitePositions = (name: string) =>
  sql.raw(
    `json_each('[' || substr(replace(hex(zeroblob(length(lower(${name})) - 2)), '00', ',0'), 2) || ']')`,
  );

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  const remove = sql`delete from registration_name_trigrams
    where registered_at = old.registered_at and registration_id = old.registration_id
      and trigram in (select substr(lower(old.key_name), p.key + 1, 3)
        from ${sqlitePositions('old.key_name')} as p);`;
  const add = sql`insert into registration_name_trigrams (trigram, registered_at, registration_id)
    select distinct substr(lower(new.key_name), p.key + 1, 3), new.registered_at, new.registration_id
    from ${sqlitePositions('new.key_name')} as p where new.key_name is not null;`;
  await sql`create trigger registration_name_trigrams_insert
    after insert on registrations when new.key_name is not null
    begin ${add} end`.execute(db);
  // Only a changed name or time: last_used and status updates (the hot writes) pass by.
  await sql`create trigger registration_name_trigrams_update
    after update of key_name, registered_at on registrations
    when old.key_name is not new.key_name or old.registered_at is not new.registered_at
    begin ${remove} ${add} end`.execute(db);
  await sql`create trigger registration_name_trigrams_delete
    after delete on registrations when old.key_name is not null
    begin ${remove} end`.execute(db);
  // `or ignore` drops a name's repeated trigrams, without sorting every posting for a distinct.
  await sql`insert or ignore into registration_name_trigrams (trigram, registered_at, registration_id)
    select substr(lower(r.key_name), p.key + 1, 3), r.registered_at, r.registration_id
    from registrations r, ${sqlitePositions('r.key_name')} as p
    where r.key_name is not null`.execute(db);
}
