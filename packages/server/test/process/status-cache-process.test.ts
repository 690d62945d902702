import { canonicalStatement, type StatementFields } from '@datafold/js-sdk';
import {
  startDatafoldServer,
  startPostgresCluster,
  type DatafoldServer,
  type PostgresCluster,
} from '@datafold/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchJson } from '../helpers/json-answer.js';
import { newKey, nonce, registerBody, sign, signBytes, type TestKey } from '../helpers/keys.js';
import type { StatusView, VerifyView } from '../helpers/route-data.js';

// Status answers from the cache verify reads (registration-repository.ts): these tests show, through
// real server processes, that a revocation or a rotation reaches status exactly when it reaches
// verify, and that `last_used` stays what the uncached status showed, on SQLite and across two
// instances sharing PostgreSQL.

const status = (server: DatafoldServer, clientId: string) =>
  fetchJson<StatusView>(`${server.url}/api/crypto/keys/status/${clientId}`);

const verify = (server: DatafoldServer, clientId: string, key: TestKey, message = 'hello') =>
  fetchJson<VerifyView>(`${server.url}/api/crypto/signatures/verify`, {
    client_id: clientId,
    message,
    signature: sign(key, message),
  });

/** A revoke or rotate request signed by `key` (and by the new key, for a rotation). */
function lifecycleBody(key: TestKey, clientId: string, next?: TestKey) {
  const fields: StatementFields = {
    action: next ? 'rotate' : 'revoke',
    clientId,
    publicKey: key.hex,
    ...(next ? { newPublicKey: next.hex } : {}),
    reason: '',
    timestamp: new Date().toISOString(),
    nonce: nonce(),
  };
  const statement = canonicalStatement(fields);
  return {
    client_id: clientId,
    reason: null,
    timestamp: fields.timestamp,
    nonce: fields.nonce,
    signature: signBytes(key, statement),
    ...(next ? { new_public_key: next.hex, new_key_signature: signBytes(next, statement) } : {}),
  };
}

const revoke = (server: DatafoldServer, key: TestKey, clientId: string) =>
  fetchJson(`${server.url}/api/crypto/keys/revoke`, lifecycleBody(key, clientId));

const rotate = (server: DatafoldServer, key: TestKey, next: TestKey, clientId: string) =>
  fetchJson(`${server.url}/api/crypto/keys/rotate`, lifecycleBody(key, clientId, next));

/** Longer than the write-behind interval of `last_used` (1 s), so at least one flush has run. */
const afterAFlush = () => new Promise((r) => setTimeout(r, 2_500));

/** Polls until `check` holds, failing after 20 s (another instance's flush takes up to 1 s). */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the condition never held');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What status and verify of one instance answer, one request each, status first. */
interface Observation {
  status: StatusView;
  verifyStatus: number;
}

/**
 * Asks `reader` for status then verify until `changed` holds for both, and checks that once either
 * route showed the change, every later answer of both routes shows it: status is never behind
 * verify, nor verify behind status. On the instance that made the change the first answers show
 * it (`immediately`); another instance hears of it through the change feed, within its bound.
 */
async function seenTogether(
  reader: DatafoldServer,
  clientId: string,
  key: TestKey,
  changed: (o: Observation) => { status: boolean; verify: boolean },
  immediately: boolean,
): Promise<void> {
  let seen = false;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const statusAnswer = (await status(reader, clientId)).data();
    const statusChanged = changed({ status: statusAnswer, verifyStatus: 0 }).status;
    if (seen) expect(statusChanged).toBe(true);
    seen ||= statusChanged;
    const verifyStatus = (await verify(reader, clientId, key)).status;
    const verifyChanged = changed({ status: statusAnswer, verifyStatus }).verify;
    if (seen) expect(verifyChanged).toBe(true);
    seen ||= verifyChanged;
    if (statusChanged && verifyChanged) {
      // One more round: neither route goes back.
      expect(
        changed({ status: (await status(reader, clientId)).data(), verifyStatus }).status,
      ).toBe(true);
      return;
    }
    if (immediately) throw new Error('the change was not seen on the next request');
    if (Date.now() > deadline) throw new Error('the change was never seen');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * Status and verify of `reader` after each change made on `writer` (the same server, or another
 * instance sharing the database): both routes are warm (cached) before every change.
 */
async function revocationAndRotationSeen(
  writer: DatafoldServer,
  reader: DatafoldServer,
  clientId: string,
) {
  const immediately = writer === reader;
  const first = newKey();
  expect(
    (await fetchJson(`${writer.url}/api/crypto/keys/register`, registerBody(first, clientId)))
      .status,
  ).toBe(201);
  expect((await status(reader, clientId)).data()).toMatchObject({
    public_key: first.hex,
    status: 'active',
  });
  expect((await verify(reader, clientId, first)).status).toBe(200);

  const second = newKey();
  expect((await rotate(writer, first, second, clientId)).status).toBe(200);
  await seenTogether(
    reader,
    clientId,
    first,
    (o) => ({ status: o.status.public_key === second.hex, verify: o.verifyStatus === 401 }),
    immediately,
  );
  expect((await verify(reader, clientId, second)).status).toBe(200);
  expect((await status(reader, clientId)).data()).toMatchObject({
    public_key: second.hex,
    status: 'active',
  });

  expect((await revoke(writer, second, clientId)).status).toBe(200);
  await seenTogether(
    reader,
    clientId,
    second,
    (o) => ({ status: o.status.status === 'revoked', verify: o.verifyStatus === 403 }),
    immediately,
  );
  expect((await status(reader, clientId)).data()).toMatchObject({
    public_key: second.hex,
    status: 'revoked',
  });
  expect((await verify(reader, clientId, second)).error().code).toBe('KEY_NOT_ACTIVE');

  const third = newKey();
  expect(
    (await fetchJson(`${writer.url}/api/crypto/keys/register`, registerBody(third, clientId)))
      .status,
  ).toBe(201);
  await seenTogether(
    reader,
    clientId,
    third,
    (o) => ({ status: o.status.public_key === third.hex, verify: o.verifyStatus === 200 }),
    immediately,
  );
}

describe('status from the verify cache, SQLite', () => {
  let server: DatafoldServer;
  beforeAll(async () => {
    server = await startDatafoldServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('shows a revocation and a rotation on the next request, as verify does', async () => {
    await revocationAndRotationSeen(server, server, 'sqlite-status-1');
  });

  it('shows the exact last use, before and after the write-behind flush', async () => {
    const key = newKey();
    await fetchJson(`${server.url}/api/crypto/keys/register`, registerBody(key, 'sqlite-status-2'));
    expect((await status(server, 'sqlite-status-2')).data().last_used).toBeNull();
    const used = (await verify(server, 'sqlite-status-2', key)).data().verified_at;
    expect((await status(server, 'sqlite-status-2')).data().last_used).toBe(used);
    await afterAFlush();
    expect((await status(server, 'sqlite-status-2')).data().last_used).toBe(used);
    const later = (await verify(server, 'sqlite-status-2', key, 'again')).data().verified_at;
    expect((await status(server, 'sqlite-status-2')).data().last_used).toBe(later);
    await afterAFlush();
    expect((await status(server, 'sqlite-status-2')).data().last_used).toBe(later);
  });
});

describe('status from the verify cache, two instances sharing PostgreSQL', () => {
  let cluster: PostgresCluster;
  let a: DatafoldServer;
  let b: DatafoldServer;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
    const url = await cluster.createDatabase();
    a = await startDatafoldServer({ dataDir: false, env: { DATABASE_URL: url } });
    b = await startDatafoldServer({ dataDir: false, env: { DATABASE_URL: url } });
  }, 120_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    cluster?.stop();
  });

  it('shows a change made on one instance to the other exactly when verify does', async () => {
    await revocationAndRotationSeen(b, a, 'pg-status-1');
  });

  it('shows a change made on the same instance at once', async () => {
    await revocationAndRotationSeen(a, a, 'pg-status-2');
  });

  it("shows the exact last use here, and another instance's once it has flushed it", async () => {
    const key = newKey();
    await fetchJson(`${a.url}/api/crypto/keys/register`, registerBody(key, 'pg-status-3'));
    // Both instances cache the registration with no last use.
    expect((await status(a, 'pg-status-3')).data().last_used).toBeNull();
    expect((await status(b, 'pg-status-3')).data().last_used).toBeNull();
    const used = (await verify(b, 'pg-status-3', key)).data().verified_at;
    expect((await status(b, 'pg-status-3')).data().last_used).toBe(used);
    // The other instance learns it from the database once b has written it (within a flush).
    await eventually(async () => (await status(a, 'pg-status-3')).data().last_used === used);
    await afterAFlush();
    expect((await status(b, 'pg-status-3')).data().last_used).toBe(used);
    expect((await status(a, 'pg-status-3')).data().last_used).toBe(used);
    // a's own later use shows on a at once, and on b after a's flush.
    const later = (await verify(a, 'pg-status-3', key, 'again')).data().verified_at;
    expect((await status(a, 'pg-status-3')).data().last_used).toBe(later);
    await eventually(async () => (await status(b, 'pg-status-3')).data().last_used === later);
  });
});
