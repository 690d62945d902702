import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { CompiledQueries, Param } from '../db/compiled-query.js';
import type { Database } from '../db/schema.js';
import type { RegistrationRow } from './registration-repository.js';

/** Characters per trigram, as migration 0007 indexes them (`substr(lower(key_name), i, 3)`). */
const TRIGRAM = 3;

/**
 * How many postings of a trigram are read, at most, when choosing which trigram's postings to
 * walk: enough to tell a rare trigram (a page or so of postings) from a common one, and where a
 * common one's postings thin out; few enough that reading them for PROBED_TRIGRAMS trigrams costs
 * well under a page of rows (at 500 the choice cost as much as the page it chose, at 1,000,000
 * registrations on SQLite).
 */
export const TRIGRAM_PROBE_CAP = 128;

/** How many of a long text's trigrams are counted; the others are left to the exact filter. */
const PROBED_TRIGRAMS = 4;

/**
 * The distinct trigrams of an already lowercased search text, in code points (SQLite's and
 * PostgreSQL's `substr` count characters, not UTF-16 units); empty when it has fewer than three.
 *
 * @example
 * trigramsOf('laptop'); // ['lap', 'apt', 'pto', 'top']
 */
export function trigramsOf(lowered: string): string[] {
  const points = Array.from(lowered);
  const trigrams = new Set<string>();
  for (let i = 0; i + TRIGRAM <= points.length; i++) {
    trigrams.add(points.slice(i, i + TRIGRAM).join(''));
  }
  return [...trigrams];
}

/** At most PROBED_TRIGRAMS of them, spread over the text. */
function probed(trigrams: string[]): string[] {
  if (trigrams.length <= PROBED_TRIGRAMS) return trigrams;
  const step = (trigrams.length - 1) / (PROBED_TRIGRAMS - 1);
  return Array.from({ length: PROBED_TRIGRAMS }, (_, i) => trigrams[Math.round(i * step)]!);
}

/** The values a name-phase query binds: the cursor (`a0`, `a1`), the page size, the filters'. */
export type TrigramWalkValues = Record<string, unknown> & { limit: number; a0?: string };

/**
 * The key-name phase of the admin search for texts of three characters or more, served by the
 * trigram postings of migration 0007. Every name the exact filter (`lower(key_name) like …`)
 * matches holds every trigram of the lowercased text, so the postings of any one of them, walked
 * from the cursor in (registered_at, registration_id) order, meet every match in listing order;
 * the exact filter, applied to each posting's registration, keeps the answers exactly those of the
 * walk over registrations (trigrams only narrow what is read).
 *
 * The rarest of a few of the text's trigrams near the cursor is walked (see `rarest`), and at most
 * `window` postings per request, so a text whose trigrams are all common
 * but rarely together still costs a bounded read and returns a short page whose cursor goes on.
 *
 * @example
 * const walk = new KeyNameTrigramWalk(db, queries, 10_000);
 * const { rows, windowEnd } = await walk.walk('name:false:false', trigramsOf('laptop'), residual, values);
 */
export class KeyNameTrigramWalk {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly queries: CompiledQueries,
    private readonly window: number,
  ) {}

  /**
   * Up to `values.limit` registrations after the cursor whose postings of one of `trigrams` pass
   * `residual` (the exact filter and the earlier phases' exclusions); `windowEnd` is the last
   * posting read when the window was used up first.
   */
  async walk(
    shape: string,
    trigrams: string[],
    residual: (p: Param) => Expression<SqlBool>[],
    values: TrigramWalkValues,
  ): Promise<{ rows: RegistrationRow[]; windowEnd: string[] | null }> {
    const after = values.a0 !== undefined;
    // One trigram leaves nothing to choose: its count would only cost a read.
    const { trigram, count } =
      trigrams.length === 1
        ? { trigram: trigrams[0]!, count: Infinity }
        : await this.rarest(trigrams, values, after);
    if (count === 0) return { rows: [], windowEnd: null };
    const bound = { ...values, trigram };
    const compiled = this.queries.get<RegistrationRow>(`${shape}:trigram:window`, (db, p) => {
      const postings = this.postings(db, p, after)
        .select(['registered_at', 'registration_id'])
        .limit(this.window);
      // A cross join keeps the postings the outer loop on SQLite, so their order is the page's.
      return db
        .selectFrom(postings.as('w'))
        .crossJoin('registrations as r')
        .selectAll('r')
        .where(sql<SqlBool>`r.registration_id = w.registration_id`)
        .where(sql<SqlBool>`${sql.join(residual(p), sql` and `)}`)
        .orderBy('w.registered_at')
        .orderBy('w.registration_id')
        .limit(p<number>('limit'));
    });
    const { rows } = await compiled.run(this.db, bound);
    // Fewer postings than the window (the count says so) cannot have used it up.
    if (rows.length >= values.limit || count < Math.min(TRIGRAM_PROBE_CAP, this.window)) {
      return { rows, windowEnd: null };
    }
    const probe = this.queries.get<{ registered_at: string; registration_id: string }>(
      `${shape}:trigram:end`,
      (db, p) =>
        this.postings(db, p, after)
          .select(['registered_at', 'registration_id'])
          .limit(1)
          .offset(this.window - 1),
    );
    const end = (await probe.run(this.db, bound)).rows[0];
    return { rows, windowEnd: end ? [end.registered_at, end.registration_id] : null };
  }

  /** The postings of `trigram` after the cursor, in page order: one range of the primary key. */
  private postings(db: Kysely<Database>, p: Param, after: boolean) {
    let q = db
      .selectFrom('registration_name_trigrams')
      .where('trigram', '=', p('trigram'))
      .orderBy('registered_at')
      .orderBy('registration_id');
    if (after) {
      q = q.where((eb) =>
        eb(eb.refTuple('registered_at', 'registration_id'), '>', eb.tuple(p('a0'), p('a1'))),
      );
    }
    return q;
  }

  /**
   * Which probed trigram to walk: each one's postings after the cursor are read up to
   * TRIGRAM_PROBE_CAP, counted, and the last one read kept, in one statement (one round trip on
   * PostgreSQL). The fewest postings wins; when every trigram has the cap or more, the one whose
   * cap-th posting lies furthest ahead (its postings are sparsest there) wins.
   */
  private async rarest(
    trigrams: string[],
    values: TrigramWalkValues,
    after: boolean,
  ): Promise<{ trigram: string; count: number }> {
    const candidates = probed(trigrams);
    const compiled = this.queries.get<{ i: number; n: number | string; last: string | null }>(
      `trigram:count:${candidates.length}:${after}`,
      (db, p) => {
        const arm = (i: number) => {
          const own: Param = <T>(name: string) => p<T>(name === 'trigram' ? `trigram${i}` : name);
          const read = this.postings(db, own, after)
            .select(['registered_at', 'registration_id'])
            .limit(TRIGRAM_PROBE_CAP);
          // registered_at has one width (RFC 3339 with milliseconds), so the joined text sorts
          // as the pair does.
          return db
            .selectFrom(read.as(`c${i}`))
            .select((eb) => [
              sql.lit(i).as('i'),
              eb.fn.countAll<number | string>().as('n'),
              eb.fn
                .max<string | null>(sql<string>`registered_at || ' ' || registration_id`)
                .as('last'),
            ]);
        };
        let q = arm(0);
        for (let i = 1; i < candidates.length; i++) q = q.unionAll(arm(i));
        return q;
      },
    );
    const bound: Record<string, unknown> = { a0: values.a0, a1: values.a1 };
    candidates.forEach((t, i) => (bound[`trigram${i}`] = t));
    const { rows } = await compiled.run(this.db, bound);
    let best: { trigram: string; count: number; last: string } | null = null;
    for (const row of rows) {
      // PostgreSQL's count is a bigint, which pg hands over as a string.
      const count = Number(row.n);
      const last = row.last ?? '';
      const better =
        best === null ||
        count < best.count ||
        (count === best.count && count >= TRIGRAM_PROBE_CAP && last > best.last);
      if (better) best = { trigram: candidates[Number(row.i)]!, count, last };
    }
    return best ?? { trigram: candidates[0]!, count: Infinity };
  }
}
