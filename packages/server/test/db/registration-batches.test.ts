// Registrations grouped into one transaction (the write batcher, with the batch's reads
// preloaded and its rows written together before the commit), against a real PostgreSQL and
// SQLite: every caller still gets its own answer, a database failure in the middle of a batch
// refuses the whole batch and writes nothing of it, and the audit chain stays whole.
import {
  startDatafoldServer,
  startPostgresCluster,
  type DatafoldServer,
  type PostgresCluster,
} from '@datafold/test-support';
import { isDataFoldError } from '@datafold/js-sdk';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RefusalAggregator } from '../../src/audit/refusal-aggregator.js';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.js';
import { databaseFault } from '../../src/db/database-fault.js';
import { migrateToLatest } from '../../src/db/migrate-to-latest.js';
import { openDatabase, type OpenDatabase } from '../../src/db/open-database.js';
import { WriteBatcher } from '../../src/db/write-batcher.js';
import { DurableChanges } from '../../src/domain/durable-change.js';
import { LastUsedBuffer } from '../../src/domain/last-used-buffer.js';
import { RegistrationService } from '../../src/domain/registration-service.js';
import { AuditRepository } from '../../src/repositories/audit-repository.js';
import { NonceRepository } from '../../src/repositories/nonce-repository.js';
import { RegistrationRepository } from '../../src/repositories/registration-repository.js';
import { fetchJson } from '../helpers/json-answer.js';
import { newKey, registerBody, type TestKey } from '../helpers/keys.js';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(() => cluster?.stop());

/** Asks and outcomes of one registration: what was sent, and the answer's code (or 'ok'). */
interface Ask {
  clientId: string;
  key: TestKey;
}

async function chainIntact(database: OpenDatabase): Promise<number> {
  const report = await verifyAuditChain(new AuditRepository(database.db, database.dialect));
  expect(report.breaks).toEqual([]);
  expect(report.ok).toBe(true);
  return report.entries;
}

async function registeredKeys(database: OpenDatabase): Promise<Map<string, string>> {
  const rows = await database.db
    .selectFrom('registrations')
    .select(['client_id', 'public_key'])
    .execute();
  return new Map(rows.map((r) => [r.client_id, r.public_key]));
}

// SQLite runs the same batches (deferred rows, preloaded reads) and must answer the same.
const engines: Array<[string, () => Promise<OpenDatabase>]> = [
  [
    'PostgreSQL',
    async () => openDatabase({ dataDir: '', databaseUrl: await cluster.createDatabase() }),
  ],
  [
    'SQLite',
    () =>
      Promise.resolve(
        openDatabase({
          dataDir: mkdtempSync(join(tmpdir(), 'datafold-batch-')),
          databaseUrl: null,
        }),
      ),
  ],
];

for (const [engine, open] of engines)
  describe(`registration batches on ${engine}, in process`, () => {
    let database: OpenDatabase;
    let batcher: WriteBatcher;
    let service: RegistrationService;
    let transactions: number;

    beforeAll(async () => {
      database = await open();
      await migrateToLatest(database.db);
    });
    afterAll(async () => {
      await database?.close();
      if (database?.dialect === 'sqlite') rmSync(dirname(database.location), { recursive: true });
    });

    // The server's wiring (app/storage-layer.ts, app/services.ts) without the caches.
    const wire = () => {
      batcher = new WriteBatcher(database.db);
      const audit = new AuditRepository(database.db, database.dialect);
      const registrations = new RegistrationRepository(database.db);
      const nonces = new NonceRepository(database.db);
      batcher.beforeCommit((trx) => audit.writeHead(trx));
      registrations.deferInserts(batcher);
      nonces.deferInserts(batcher);
      transactions = 0;
      batcher.afterTransaction(() => (transactions += 1));
      const refusals = new RefusalAggregator(() => Promise.resolve());
      const changes = new DurableChanges(batcher, audit, nonces, refusals);
      service = new RegistrationService(
        changes,
        registrations,
        new LastUsedBuffer(batcher, registrations),
        { requireProof: true, statementWindowMs: 300_000 },
      );
    };

    /** Starts every registration in one turn of the event loop, so they share one batch. */
    const registerAll = (asks: Ask[]) =>
      Promise.allSettled(asks.map((a) => service.register(registerBody(a.key, a.clientId), '::1')));

    const code = (outcome: PromiseSettledResult<unknown>) =>
      outcome.status === 'fulfilled'
        ? 'ok'
        : isDataFoldError(outcome.reason)
          ? outcome.reason.code
          : String(outcome.reason);

    it('answers each registration of one batch on its own: duplicates inside the batch fail alone', async () => {
      wire();
      const unique = Array.from({ length: 20 }, (_, i) => ({
        clientId: `batch-${i}`,
        key: newKey(),
      }));
      const asks: Ask[] = [
        ...unique,
        // The same client id again with another key, and the same key under another client id.
        ...unique.slice(0, 5).map((a) => ({ clientId: a.clientId, key: newKey() })),
        ...unique.slice(5, 10).map((a, i) => ({ clientId: `other-${i}`, key: a.key })),
        // Both within the batch's new rows only: a client and a key first seen in this batch.
        { clientId: 'late', key: newKey() },
      ];
      asks.push({ clientId: 'late', key: newKey() }, { clientId: 'late-2', key: asks.at(-1)!.key });
      const outcomes = (await registerAll(asks)).map(code);

      expect(transactions).toBe(1); // one transaction, one commit for all of them
      expect(outcomes).toEqual([
        ...Array<string>(20).fill('ok'),
        ...Array<string>(5).fill('CLIENT_ALREADY_REGISTERED'),
        ...Array<string>(5).fill('DUPLICATE_PUBLIC_KEY'),
        'ok',
        'CLIENT_ALREADY_REGISTERED',
        'DUPLICATE_PUBLIC_KEY',
      ]);
      const stored = await registeredKeys(database);
      for (const [i, a] of asks.entries()) {
        if (outcomes[i] === 'ok') expect(stored.get(a.clientId)).toBe(a.key.hex);
      }
      expect(stored.size).toBe(21);
      expect(await chainIntact(database)).toBe(21); // one success entry per registration
    });

    it('refuses a proof replayed inside one batch, and only the replay', async () => {
      wire();
      const key = newKey();
      const body = registerBody(key, 'replayed');
      const outcomes = (
        await Promise.allSettled([
          service.register(body, '::1'),
          service.register(body, '::1'),
          service.register(registerBody(newKey(), 'beside-replay'), '::1'),
        ])
      ).map(code);
      expect(transactions).toBe(1);
      expect(outcomes).toEqual(['ok', 'REPLAY_DETECTED', 'ok']);
      await chainIntact(database);
    });

    // The session is cut from inside the batch, which only a database server allows.
    it.runIf(engine === 'PostgreSQL')(
      'refuses a whole batch the database failed in the middle of, and writes none of it',
      async () => {
        wire();
        const before = await registeredKeys(database);
        const entriesBefore = await chainIntact(database);
        const asks = Array.from({ length: 10 }, (_, i) => ({
          clientId: `cut-${i}`,
          key: newKey(),
        }));
        const first = registerAll(asks.slice(0, 5));
        // Queued between the registrations, in the same batch: the session is cut after five of them
        // have run, with their rows held for the commit.
        const cut = batcher
          .run((trx) => sql`select pg_terminate_backend(pg_backend_pid())`.execute(trx))
          .then(
            () => null,
            (error: unknown) => error,
          );
        const second = registerAll(asks.slice(5));
        const refused = [...(await first), ...(await second)].map((outcome): unknown =>
          outcome.status === 'rejected' ? outcome.reason : null,
        );

        expect(transactions).toBe(1);
        expect(databaseFault(await cut)).toBe('unreachable');
        for (const reason of refused) expect(databaseFault(reason)).toBe('unreachable');
        expect(await registeredKeys(database)).toEqual(before);
        expect(await chainIntact(database)).toBe(entriesBefore);

        // Nothing of the batch was written, its nonces included: the same requests now succeed.
        wire();
        expect((await registerAll(asks)).map(code)).toEqual(Array<string>(10).fill('ok'));
        expect(await chainIntact(database)).toBe(entriesBefore + 10);
      },
    );
  });

describe('registration batches on PostgreSQL, through a server process', () => {
  let server: DatafoldServer;
  let database: OpenDatabase;
  let databaseName: string;

  beforeAll(async () => {
    const url = await cluster.createDatabase();
    databaseName = new URL(url).pathname.slice(1);
    server = await startDatafoldServer({
      dataDir: false,
      env: { DATABASE_URL: url, DATAFOLD_RATE_LIMIT_REGISTER_IP: '0', DATAFOLD_RATE_LIMIT_IP: '0' },
    });
    database = openDatabase({ dataDir: '', databaseUrl: url });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.close();
  });
  afterEach(() => expect(server.child.exitCode, server.output()).toBeNull());

  const register = (a: Ask) =>
    fetchJson(`${server.url}/api/crypto/keys/register`, registerBody(a.key, a.clientId));

  it('lets exactly one of each duplicate through among concurrent registrations', async () => {
    const unique = Array.from({ length: 20 }, (_, i) => ({ clientId: `http-${i}`, key: newKey() }));
    const sameClient = Array.from({ length: 10 }, (_, i) => ({
      clientId: `twice-${i}`,
      keys: [newKey(), newKey()],
    }));
    const sameKey = Array.from({ length: 10 }, (_, i) => ({
      clientIds: [`key-a-${i}`, `key-b-${i}`],
      key: newKey(),
    }));
    const [u, c, k] = await Promise.all([
      Promise.all(unique.map(register)),
      Promise.all(
        sameClient.map((s) =>
          Promise.all(s.keys.map((key) => register({ clientId: s.clientId, key }))),
        ),
      ),
      Promise.all(
        sameKey.map((s) =>
          Promise.all(s.clientIds.map((clientId) => register({ clientId, key: s.key }))),
        ),
      ),
    ]);
    expect(u.map((r) => r.status)).toEqual(Array<number>(20).fill(201));
    for (const pair of c) {
      expect(pair.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(pair.find((r) => r.status === 409)!.error().code).toBe('CLIENT_ALREADY_REGISTERED');
    }
    for (const pair of k) {
      expect(pair.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(pair.find((r) => r.status === 409)!.error().code).toBe('DUPLICATE_PUBLIC_KEY');
    }
    const stored = await registeredKeys(database);
    for (const a of unique) expect(stored.get(a.clientId)).toBe(a.key.hex);
    await chainIntact(database);
  });

  it('answers 503 with Retry-After to a batch the database fails, and loses nothing acknowledged', async () => {
    // Another session holds the audit head's lock, so the next batch waits on it; that batch's
    // session is then terminated while it waits, and the lock is let go.
    const holder = cluster.query(
      'begin; select seq from audit_head where id = 1 for update; select pg_sleep(2); commit;',
      databaseName,
    );
    const asks = Array.from({ length: 20 }, (_, i) => ({ clientId: `fail-${i}`, key: newKey() }));
    const waiting = `select pid from pg_stat_activity where datname = '${databaseName}' and application_name = 'datafold-server' and wait_event_type = 'Lock'`;
    for (
      let i = 0;
      i < 100 &&
      !(
        await cluster.query(
          "select count(*) from pg_stat_activity where query like '%pg_sleep%' and state = 'active' and pid <> pg_backend_pid()",
        )
      ).startsWith('1');
      i++
    ) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const answers = Promise.all(asks.map(register));
    let terminated = '';
    for (let i = 0; i < 100 && terminated === ''; i++) {
      terminated = await cluster.query(`select pg_terminate_backend(pid) from (${waiting}) w`);
      if (terminated === '') await new Promise((r) => setTimeout(r, 20));
    }
    expect(terminated).toContain('t');
    await holder;
    const results = await answers;

    const refused = results.flatMap((r, i) => (r.status === 201 ? [] : [i]));
    expect(refused.length).toBeGreaterThan(0);
    for (const i of refused) {
      expect(results[i]!.status).toBe(503);
      expect(results[i]!.error().code).toBe('DATABASE_UNAVAILABLE');
      expect(Number(results[i]!.headers['retry-after'])).toBeGreaterThan(0);
    }
    const stored = await registeredKeys(database);
    for (const [i, a] of asks.entries()) {
      if (results[i]!.status === 201) expect(stored.get(a.clientId)).toBe(a.key.hex);
    }
    // The refused batch left nothing behind: each of its registrations, sent again, goes through.
    for (const i of refused) expect((await register(asks[i]!)).status).toBe(201);
    await chainIntact(database);
  });
});
