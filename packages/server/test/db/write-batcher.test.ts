import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.js';
import { migrateToLatest } from '../../src/db/migrate-to-latest.js';
import { openDatabase, type OpenDatabase } from '../../src/db/open-database.js';
import { WriteBatcher } from '../../src/db/write-batcher.js';
import { AuditRepository } from '../../src/repositories/audit-repository.js';

describe('WriteBatcher (group commit)', () => {
  let dir: string;
  let database: OpenDatabase;
  let batcher: WriteBatcher;
  let audit: AuditRepository;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'datafold-batcher-'));
    database = openDatabase({ dataDir: dir, databaseUrl: null });
    await migrateToLatest(database.db);
    batcher = new WriteBatcher(database.db);
    audit = new AuditRepository(database.db, database.dialect);
    batcher.beforeCommit((trx) => audit.writeHead(trx));
  });
  afterEach(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const entry = (n: number) => ({
    actor: 'test',
    action: 'op',
    clientId: `c${n}`,
    outcome: 'success',
  });

  it('commits concurrent operations together and answers each with its own result', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        batcher.run(async (trx) => (await audit.append(trx, entry(n))).seq),
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, n) => n + 1));
    expect(await verifyAuditChain(audit)).toMatchObject({ ok: true, entries: 20 });
  });

  it('isolates an operation that throws: its writes are gone, the others commit', async () => {
    const outcomes = await Promise.allSettled([
      batcher.run((trx) => audit.append(trx, entry(1))),
      batcher.run(async (trx) => {
        await audit.append(trx, entry(2));
        throw new Error('op 2 fails after writing');
      }),
      batcher.run((trx) => audit.append(trx, entry(3))),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(
      new Error('op 2 fails after writing'),
    );
    const rows = await audit.page(0, 10);
    expect(rows.map((r) => r.client_id)).toEqual(['c1', 'c3']);
    expect(await verifyAuditChain(audit)).toMatchObject({ ok: true, entries: 2 });
  });

  it('refuses a whole batch at once when the database fails, runs the after-transaction hooks, and commits later batches', async () => {
    const seen: string[] = [];
    batcher.afterTransaction(() => seen.push('after'));
    let runs = 0;
    const connectionLost = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const outcomes = await Promise.allSettled([
      batcher.run(async (trx) => {
        runs++;
        await audit.append(trx, entry(1));
      }),
      batcher.run(() => {
        runs++;
        return Promise.reject(connectionLost);
      }),
      batcher.run(async (trx) => {
        runs++;
        await audit.append(trx, entry(3));
      }),
    ]);
    // Not re-run one by one: the third operation never ran, nobody heard success.
    expect(runs).toBe(2);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const o of outcomes) expect((o as PromiseRejectedResult).reason).toBe(connectionLost);
    expect(seen).toEqual(['after']);
    expect(await audit.page(0, 10)).toEqual([]);
    await batcher.run((trx) => audit.append(trx, entry(4)));
    expect((await audit.page(0, 10)).map((r) => r.client_id)).toEqual(['c4']);
  });
});
