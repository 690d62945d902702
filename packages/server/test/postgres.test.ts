import {
  startDatafoldServer,
  startPostgresCluster,
  type DatafoldServer,
  type PostgresCluster,
} from '@datafold/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalStatement } from '@datafold/js-sdk';
import { fetchJson } from './helpers/json-answer.js';
import { newKey, nonce, sign, signBytes, registerBody } from './helpers/keys.js';
import type { StorageFactory } from './helpers/test-server.js';
import { activityRoutesSuite } from './suites/activity-routes.suite.js';
import { adminTokensSuite } from './suites/admin-tokens.suite.js';
import { databaseReplayStoreSuite } from './suites/database-replay-store.suite.js';
import { hostileInputSuite } from './suites/hostile-input.suite.js';
import { lifecycleRoutesSuite } from './suites/lifecycle-routes.suite.js';
import { wireRoutesSuite } from './suites/wire-routes.suite.js';

// One throwaway cluster for this file; every suite gets its own database in it.
let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(() => cluster?.stop());

// One fresh database per suite; the cluster's stop removes them all.
const pgStorage: StorageFactory = async () => ({
  config: { databaseUrl: await cluster.createDatabase() },
  cleanup: () => Promise.resolve(),
});

wireRoutesSuite('PostgreSQL', pgStorage);
lifecycleRoutesSuite('PostgreSQL', pgStorage);
adminTokensSuite('PostgreSQL', pgStorage);
databaseReplayStoreSuite('PostgreSQL', pgStorage);
hostileInputSuite('PostgreSQL', pgStorage);
activityRoutesSuite('PostgreSQL', pgStorage);

describe('two server processes sharing one PostgreSQL', () => {
  let a: DatafoldServer;
  let b: DatafoldServer;
  beforeAll(async () => {
    const url = await cluster.createDatabase();
    a = await startDatafoldServer({ dataDir: false, env: { DATABASE_URL: url } });
    b = await startDatafoldServer({ dataDir: false, env: { DATABASE_URL: url } });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  const call = (server: DatafoldServer, path: string, body?: object) =>
    fetchJson(`${server.url}${path}`, body);

  it('registers on one, verifies, rotates and revokes on the other', async () => {
    const key = newKey();
    expect((await call(a, '/api/crypto/keys/register', registerBody(key, 'shared-1'))).status).toBe(
      201,
    );
    // The other instance sees the registration, and refuses a second one for the client.
    expect(
      (
        await call(b, '/api/crypto/signatures/verify', {
          client_id: 'shared-1',
          message: 'hi',
          signature: sign(key, 'hi'),
        })
      ).status,
    ).toBe(200);
    expect(
      (await call(b, '/api/crypto/keys/register', registerBody(newKey(), 'shared-1'))).error().code,
    ).toBe('CLIENT_ALREADY_REGISTERED');

    const next = newKey();
    const timestamp = new Date().toISOString();
    const rotate = {
      action: 'rotate' as const,
      clientId: 'shared-1',
      publicKey: key.hex,
      newPublicKey: next.hex,
      reason: '',
      timestamp,
      nonce: nonce(),
    };
    const rotated = await call(b, '/api/crypto/keys/rotate', {
      client_id: 'shared-1',
      new_public_key: next.hex,
      timestamp,
      nonce: rotate.nonce,
      signature: signBytes(key, canonicalStatement(rotate)),
      new_key_signature: signBytes(next, canonicalStatement(rotate)),
    });
    expect(rotated.status).toBe(200);
    expect(
      (
        await call(a, '/api/crypto/signatures/verify', {
          client_id: 'shared-1',
          message: 'hi',
          signature: sign(key, 'hi'),
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await call(a, '/api/crypto/signatures/verify', {
          client_id: 'shared-1',
          message: 'hi',
          signature: sign(next, 'hi'),
        })
      ).status,
    ).toBe(200);

    const revoke = {
      action: 'revoke' as const,
      clientId: 'shared-1',
      publicKey: next.hex,
      reason: 'done',
      timestamp: new Date().toISOString(),
      nonce: nonce(),
    };
    const revokeBody = {
      client_id: 'shared-1',
      reason: 'done',
      timestamp: revoke.timestamp,
      nonce: revoke.nonce,
      signature: signBytes(next, canonicalStatement(revoke)),
    };
    expect((await call(a, '/api/crypto/keys/revoke', revokeBody)).status).toBe(200);
    const denied = await call(b, '/api/crypto/signatures/verify', {
      client_id: 'shared-1',
      message: 'hi',
      signature: sign(next, 'hi'),
    });
    expect(denied.status).toBe(403);
    expect(denied.error().code).toBe('KEY_NOT_ACTIVE');
  });

  it('lets exactly one of concurrent registrations of one key through, across instances', async () => {
    const key = newKey();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call(i % 2 ? a : b, '/api/crypto/keys/register', registerBody(key, `race-pg-${i}`)),
      ),
    );
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
    expect(
      answers
        .filter((r) => r.status === 409)
        .every((r) => r.error().code === 'DUPLICATE_PUBLIC_KEY'),
    ).toBe(true);
  });
});
