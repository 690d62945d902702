/** How many registrations the query-plan tests of the per-request paths plan over. */
export const HOT_READ_ROWS = 60_000;

/**
 * 30,000 clients with two registrations each (60,000 rows), so "active, else newest" has a choice
 * to make: client i has `r-<i>-a` and, one day later, `r-<i>-b`. Every 10th client rotated
 * (a superseded, b active), every 7th (not 10th) was revoked (a superseded, b revoked), the rest
 * have a revoked then an active key. One statement, for SQLite or PostgreSQL.
 */
export function hotReadSeedSql(dialect: 'sqlite' | 'postgres'): string {
  const series =
    dialect === 'postgres'
      ? `select i from generate_series(0, ${HOT_READ_ROWS / 2 - 1}) as i`
      : `with recursive n(i) as (select 0 union all select i + 1 from n where i < ${HOT_READ_ROWS / 2 - 1}) select i from n`;
  const pad = dialect === 'postgres' ? `lpad(i::text, 6, '0')` : `substr('000000' || i, -6, 6)`;
  const hex =
    dialect === 'postgres'
      ? `md5(i::text || v) || md5(v || i::text)`
      : `lower(hex(randomblob(32)))`;
  return `
    insert into registrations
      (registration_id, client_id, public_key, key_name, status, registered_at, proof_verified)
    select 'r-' || ${pad} || '-' || v, 'client-' || ${pad}, ${hex}, 'key-' || v,
      case
        when v = 'a' and i % 10 = 0 then 'superseded'
        when v = 'a' and i % 7 = 0 then 'superseded'
        when v = 'a' then 'revoked'
        when i % 10 = 0 then 'active'
        when i % 7 = 0 then 'revoked'
        else 'active'
      end,
      case when v = 'a' then '2026-01-01T00:00:00.000Z' else '2026-01-02T00:00:00.000Z' end, 0
    from (${series}) as s cross join (select 'a' as v union all select 'b') as t;
    ${dialect === 'postgres' ? 'analyze registrations;' : ''}`;
}

/**
 * A registration batch's conflict probes over the seed (`taken`: the public key of r-000003-a),
 * and what `findConflicts` must answer for each: an active client, a client with no active key, a
 * key registered before, and five fresh clients, since SQLite planned a batch of more than three
 * clients as a walk of the status index.
 */
export function conflictProbes(taken: string) {
  const fresh = Array.from({ length: 5 }, (_, i) => ({
    probe: { clientId: `client-fresh-${i}`, publicKey: String(i).repeat(64) },
    answer: { clientActive: false, keyTaken: false },
  }));
  const cases = [
    {
      probe: { clientId: 'client-000011', publicKey: 'ab'.repeat(32) },
      answer: { clientActive: true, keyTaken: false },
    },
    {
      probe: { clientId: 'client-000007', publicKey: 'cd'.repeat(32) },
      answer: { clientActive: false, keyTaken: false },
    },
    {
      probe: { clientId: 'client-new', publicKey: taken },
      answer: { clientActive: false, keyTaken: true },
    },
    ...fresh,
  ];
  return { probes: cases.map((c) => c.probe), answers: cases.map((c) => c.answer) };
}
