import { ValidationError } from '@datafold/js-sdk';
import { sql, type Expression, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { CompiledQueries, type Param } from '../db/compiled-query.js';
import type { DialectName } from '../db/open-database.js';
import type { Database, RegistrationStatus } from '../db/schema.js';
import { KeyNameTrigramWalk, trigramsOf } from './key-name-trigram-walk.js';
import type { RegistrationRow } from './registration-repository.js';
import { DEFAULT_SORT } from './registration-sort.js';
import { decodeSorted, SortedRegistrationListing } from './sorted-registration-listing.js';

const DAY_MS = 86_400_000;
/** `rotation=due`: due within this many days, or overdue (the dashboard's "due" badge agrees). */
export const DUE_SOON_DAYS = 7;

/**
 * How many registrations (or, for texts of three characters or more, trigram postings) one
 * key-name search request examines at most.
 */
export const KEY_NAME_SCAN_WINDOW = 10_000;

/** Filters and cursor of an admin listing request. */
export interface RegistrationListQuery {
  status: RegistrationStatus | null;
  search: string | null;
  /** A value of SORT_VALUES (registration-sort.ts); null: the cursor's, else DEFAULT_SORT. */
  sort?: string | null;
  /** Active keys registered more than this many days ago. */
  olderThanDays?: number | null;
  /** Only keys never used. */
  neverUsed?: boolean;
  /** Only active keys due for rotation: `overdue` (due date passed) or `due` (within 7 days). */
  rotation?: 'due' | 'overdue' | null;
  /** An opaque cursor from a previous page's `nextCursor`. */
  cursor: string | null;
  limit: number;
}

/** One page; `nextCursor` is null when nothing follows. */
export interface RegistrationListPage {
  items: RegistrationRow[];
  nextCursor: string | null;
}

/**
 * Where a search page stops. A search runs phases in order: `key` (the exact public key, at most
 * one row), `client` (client ids starting with the search, by client id), `name` (key names
 * containing it, by registration). The plain listing's positions are sorted-registration-listing.ts's.
 */
type Position =
  { phase: 'key'; after: null } | { phase: 'client' | 'name'; after: string[] | null };

const PHASES = ['key', 'client', 'name'] as const;
type RegistrationsQuery = SelectQueryBuilder<Database, 'registrations', object>;
/** Any select whose rows have the page columns, so one ordering serves table and window. */
interface OrderableQuery<Q> {
  orderBy(expression: Expression<unknown> | 'registered_at' | 'registration_id'): Q;
}
type Phase = (typeof PHASES)[number];

function badCursor(): never {
  throw new ValidationError('INVALID_REQUEST', 'cursor is not one this server issued');
}

function encode(position: Position): string {
  const parts = [position.phase, ...(position.after ?? [])];
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function cursorParts(cursor: string): string[] {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return badCursor();
  }
  if (!Array.isArray(parts) || !parts.every((p) => typeof p === 'string')) return badCursor();
  return parts;
}

function decode(cursor: string): Position {
  const [phase, ...after] = cursorParts(cursor);
  if (phase === 'client' && (after.length === 0 || after.length === 3)) {
    return { phase, after: after.length ? after : null };
  }
  if (phase === 'name' && (after.length === 0 || after.length === 2)) {
    return { phase, after: after.length ? after : null };
  }
  return badCursor();
}

/**
 * The smallest string greater than every string that starts with `prefix`: its last code point
 * plus one. Both engines compare these columns in code point order (SQLite BINARY on UTF-8,
 * PostgreSQL `COLLATE "C"`), so `>= prefix AND < successor` is exactly "starts with prefix" and
 * is one index range. Null when no such string exists (the prefix is all U+10FFFF).
 */
export function prefixSuccessor(prefix: string): string | null {
  const points = Array.from(prefix, (c) => c.codePointAt(0)!);
  while (points.length > 0) {
    const last = points.pop()!;
    if (last < 0x10ffff) {
      const next = last + 1 >= 0xd800 && last + 1 <= 0xdfff ? 0xe000 : last + 1;
      return String.fromCodePoint(...points, next);
    }
  }
  return null;
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The admin listing of registrations: every page is an index seek from its cursor plus at most
 * `limit` rows (or a bounded window), never a scan or a sort, so it stays fast at millions of
 * registrations. Cursors are row values compared as tuples, which both engines answer from the
 * index (`(a, b) > (x, y)`), unlike the equivalent OR form.
 *
 * Without a search the listing is in the order `sort` names, with the age and use filters
 * (sorted-registration-listing.ts). A search matches the exact public key (64 hex digits), then client ids starting with the text
 * (case-sensitive, by client id), then key names containing it (case-insensitive, ASCII). The
 * key-name phase reads the trigram postings of migration 0007 for a text of three characters or
 * more (key-name-trigram-walk.ts); a shorter text has no trigram, and walks registrations. Either
 * way each request examines at most {@link KEY_NAME_SCAN_WINDOW} rows and may return a short page
 * whose cursor continues the walk.
 *
 * @example
 * const listing = new RegistrationListing(db, 'sqlite');
 * const { items, nextCursor } = await listing.page({ status: null, search: 'acme-', cursor: null, limit: 50 });
 */
export class RegistrationListing {
  /** The client id as the prefix index holds it (see migration 0002). */
  private readonly clientCol;
  /**
   * Each shape of query (which filters, which phase, cursor or not) compiled on first use and
   * only bound afterwards: building a query costs about as much as running one of these.
   */
  private readonly queries: CompiledQueries;
  private readonly sorted: SortedRegistrationListing;
  private readonly byTrigram: KeyNameTrigramWalk;

  /** `now`: the clock `older_than_days` counts back from (the server's, so tests can set it). */
  constructor(
    private readonly db: Kysely<Database>,
    dialect: DialectName,
    private readonly now: () => number = Date.now,
  ) {
    this.queries = new CompiledQueries(db);
    this.sorted = new SortedRegistrationListing(db, dialect);
    this.byTrigram = new KeyNameTrigramWalk(db, this.queries, KEY_NAME_SCAN_WINDOW);
    this.clientCol =
      dialect === 'postgres' ? sql<string>`client_id collate "C"` : sql<string>`client_id`;
  }

  async page(query: RegistrationListQuery): Promise<RegistrationListPage> {
    const searching = query.search !== null && query.search !== '';
    if (!searching) return this.sortedPage(query);
    if (
      (query.sort ?? null) !== null ||
      (query.olderThanDays ?? null) !== null ||
      query.neverUsed
    ) {
      // A search has its own order (match groups); its name phase is already a bounded scan.
      throw new ValidationError(
        'INVALID_REQUEST',
        'search cannot be combined with sort, older_than_days, never_used or rotation',
        { field: 'search', in: 'querystring' },
      );
    }
    let position: Position = query.cursor ? decode(query.cursor) : { phase: 'key', after: null };

    const items: RegistrationRow[] = [];
    for (let i = PHASES.indexOf(position.phase); i < PHASES.length; i++) {
      const phase = PHASES[i]!;
      const after = phase === position.phase ? position.after : null;
      position = { phase, after } as Position;
      const need = query.limit - items.length;
      const { rows, windowEnd } = await this.runPhase(phase, query, after, need + 1);
      if (rows.length > need) {
        items.push(...rows.slice(0, need));
        // A full page that ends exactly where this phase starts continues at its start.
        const last = need > 0 ? this.positionOf(phase, items[items.length - 1]!) : after;
        return { items, nextCursor: encode({ phase, after: last } as Position) };
      }
      items.push(...rows);
      if (windowEnd) return { items, nextCursor: encode({ phase, after: windowEnd } as Position) };
    }
    return { items, nextCursor: null };
  }

  private positionOf(phase: Phase, row: RegistrationRow): string[] {
    return phase === 'client'
      ? [row.client_id, row.registered_at, row.registration_id]
      : [row.registered_at, row.registration_id];
  }

  /**
   * The listing without a search, in any offered order (sorted-registration-listing.ts). A request
   * naming no sort follows its cursor's, else DEFAULT_SORT; one naming another sort than its
   * cursor's is refused, since the cursor is a position in one order only.
   */
  private async sortedPage(query: RegistrationListQuery): Promise<RegistrationListPage> {
    const position = query.cursor ? decodeSorted(cursorParts(query.cursor)) : null;
    const sort = query.sort ?? position?.sort ?? DEFAULT_SORT;
    if (position && position.sort !== sort) {
      throw new ValidationError('INVALID_REQUEST', 'cursor belongs to another sort', {
        field: 'cursor',
        in: 'querystring',
      });
    }
    const days = query.olderThanDays ?? null;
    if (days !== null && query.status !== null && query.status !== 'active') {
      throw new ValidationError(
        'INVALID_REQUEST',
        'older_than_days lists active keys; leave status out or use status=active',
        { field: 'older_than_days', in: 'querystring' },
      );
    }
    if (query.rotation && query.status !== null && query.status !== 'active') {
      throw new ValidationError(
        'INVALID_REQUEST',
        'rotation lists active keys; leave status out or use status=active',
        { field: 'rotation', in: 'querystring' },
      );
    }
    return this.sorted.page({
      sort,
      status: query.status,
      registeredBefore: days === null ? null : new Date(this.now() - days * DAY_MS).toISOString(),
      neverUsed: query.neverUsed ?? false,
      rotationDueBy: !query.rotation
        ? null
        : new Date(
            this.now() + (query.rotation === 'due' ? DUE_SOON_DAYS * DAY_MS : 0),
          ).toISOString(),
      position,
      limit: query.limit,
    });
  }

  /**
   * One phase from `after`: up to `limit` matching rows. A phase with filters the index cannot
   * apply walks at most a window of rows; `windowEnd` is where the walk stopped when the window
   * was used up, so the next request goes on from there. Every query is compiled once per shape
   * (`shape`) and bound to this request's values.
   */
  private async runPhase(
    phase: Phase,
    query: RegistrationListQuery,
    after: string[] | null,
    limit: number,
  ): Promise<{ rows: RegistrationRow[]; windowEnd: string[] | null }> {
    const text = query.search!;
    const publicKey = /^[0-9a-fA-F]{64}$/.test(text) ? text.toLowerCase() : null;
    const upper = prefixSuccessor(text);
    const client = this.clientCol;
    const byStatus = query.status !== null;
    const values = {
      text,
      upper,
      publicKey,
      status: query.status,
      a0: after?.[0],
      a1: after?.[1],
      a2: after?.[2],
      pattern: `%${likeEscape(text.toLowerCase())}%`,
      limit,
    };

    if (phase === 'key') {
      if (!publicKey) return { rows: [], windowEnd: null };
      const compiled = this.queries.get<RegistrationRow>(`key:${byStatus}`, (db, p) => {
        let q = db.selectFrom('registrations').selectAll().where('public_key', '=', p('publicKey'));
        if (byStatus) q = q.where('status', '=', p<RegistrationStatus>('status'));
        return q;
      });
      return { rows: (await compiled.run(this.db, values)).rows, windowEnd: null };
    }

    const shape = `${phase}:${byStatus}:${after !== null}:${upper !== null}:${publicKey !== null}`;
    /** The name phase's exact rule, and the rows earlier phases returned left out. */
    const nameFilters = (p: Param) => [
      sql<SqlBool>`lower(key_name) like ${p('pattern')} escape '\\'`,
      upper === null
        ? sql<SqlBool>`not (${client} >= ${p('text')})`
        : sql<SqlBool>`not (${client} >= ${p('text')} and ${client} < ${p('upper')})`,
      ...(publicKey ? [sql<SqlBool>`public_key <> ${p('publicKey')}`] : []),
    ];
    const trigrams = phase === 'name' ? trigramsOf(text.toLowerCase()) : [];
    if (trigrams.length > 0) {
      return this.byTrigram.walk(
        shape,
        trigrams,
        (p) => [...nameFilters(p), ...(byStatus ? [sql<SqlBool>`status = ${p('status')}`] : [])],
        values,
      );
    }
    /** The index range of the phase and the filters applied to the rows it yields. */
    const parts = (db: Kysely<Database>, p: Param) => {
      const residual: Expression<SqlBool>[] = [];
      // Rows an earlier phase returned are left out of the later ones.
      if (publicKey) residual.push(sql<SqlBool>`public_key <> ${p('publicKey')}`);
      let q: RegistrationsQuery = db.selectFrom('registrations');
      if (phase === 'client') {
        q = after
          ? q.where(
              sql<SqlBool>`(${client}, registered_at, registration_id) > (${p('a0')}, ${p('a1')}, ${p('a2')})`,
            )
          : q.where(sql<SqlBool>`${client} >= ${p('text')}`);
        if (upper !== null) q = q.where(sql<SqlBool>`${client} < ${p('upper')}`);
        if (byStatus) residual.push(sql<SqlBool>`status = ${p('status')}`);
        return { range: q, residual };
      }
      if (byStatus) q = q.where('status', '=', p<RegistrationStatus>('status'));
      if (after) {
        q = q.where((eb) =>
          eb(eb.refTuple('registered_at', 'registration_id'), '>', eb.tuple(p('a0'), p('a1'))),
        );
      }
      return { range: q, residual: nameFilters(p) };
    };
    // Without a status the client phase's only residual filter drops at most one row: no window.
    const windowPhase = phase === 'client' && !byStatus ? null : phase;
    return this.walk(shape, parts, values, windowPhase);
  }

  /** The phase's index order: by client id (prefix index) or by registration (page index). */
  private ordered<Q extends OrderableQuery<Q>>(q: Q, phase: Phase): Q {
    return phase === 'client'
      ? q.orderBy(this.clientCol).orderBy('registered_at').orderBy('registration_id')
      : q.orderBy('registered_at').orderBy('registration_id');
  }

  /**
   * Runs an ordered index walk with residual filters. With a window, the walk is capped at
   * KEY_NAME_SCAN_WINDOW rows; when fewer than `limit` matched, a covering probe finds whether
   * the window was full and, if so, the position it ended at.
   */
  private async walk(
    shape: string,
    parts: (
      db: Kysely<Database>,
      p: Param,
    ) => { range: RegistrationsQuery; residual: Expression<SqlBool>[] },
    values: Record<string, unknown> & { limit: number },
    windowPhase: Phase | null,
  ): Promise<{ rows: RegistrationRow[]; windowEnd: string[] | null }> {
    const filterOf = (residual: Expression<SqlBool>[]) =>
      residual.length > 0 ? sql<SqlBool>`${sql.join(residual, sql` and `)}` : null;
    if (windowPhase === null) {
      const compiled = this.queries.get<RegistrationRow>(`${shape}:rows`, (db, p) => {
        const { range, residual } = parts(db, p);
        const filter = filterOf(residual);
        let q = this.ordered(range.selectAll(), 'client');
        if (filter) q = q.where(filter);
        return q.limit(p<number>('limit'));
      });
      return { rows: (await compiled.run(this.db, values)).rows, windowEnd: null };
    }
    const compiled = this.queries.get<RegistrationRow>(`${shape}:window`, (db, p) => {
      const { range, residual } = parts(db, p);
      const filter = filterOf(residual);
      const window = this.ordered(range.selectAll(), windowPhase).limit(KEY_NAME_SCAN_WINDOW);
      let outer = db.selectFrom(window.as('w')).selectAll();
      if (filter) outer = outer.where(filter);
      return this.ordered(outer, windowPhase).limit(p<number>('limit'));
    });
    const { rows } = await compiled.run(this.db, values);
    if (rows.length >= values.limit) return { rows, windowEnd: null };
    const probe = this.queries.get<
      Pick<RegistrationRow, 'client_id' | 'registered_at' | 'registration_id'>
    >(`${shape}:end`, (db, p) =>
      this.ordered(
        parts(db, p).range.select(['client_id', 'registered_at', 'registration_id']),
        windowPhase,
      )
        .limit(1)
        .offset(KEY_NAME_SCAN_WINDOW - 1),
    );
    const end = (await probe.run(this.db, values)).rows[0];
    return {
      rows,
      windowEnd: end
        ? windowPhase === 'client'
          ? [end.client_id, end.registered_at, end.registration_id]
          : [end.registered_at, end.registration_id]
        : null,
    };
  }
}
