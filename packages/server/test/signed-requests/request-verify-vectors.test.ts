import { readFileSync } from 'node:fs';
import type { StatementFields } from '@datafold/js-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyVectors } from '../../../sdk/test/http-signatures/http-signature-vectors.js';
import { appContext } from '../../src/app/build-app.js';
import { newKey, nonce, signStatement, type TestKey } from '../helpers/keys.js';
import { sqliteStorage, startTestServer, type TestServer } from '../helpers/test-server.js';

const vectors = JSON.parse(
  readFileSync(new URL('../../../../vectors/http-signatures/verify.json', import.meta.url), 'utf8'),
) as VerifyVectors;
type Case = VerifyVectors['cases'][number];

interface Verdict {
  verified: true;
  client_id: string;
  public_key: string;
  covered_components: string[];
  created: number;
  expires: number | null;
  nonce: string;
}

/**
 * Every case of vectors/http-signatures/verify.json through POST /api/crypto/requests/verify. The
 * vectors fix the clock (now_ms), the window (the profile's defaults, which the server uses) and
 * the key's status; the server's clock is set the way every statement test sets it (buildApp's
 * `now`). The vectors all use one nonce and each expects a fresh replay store, so the store's
 * table is emptied before each case; `repeat: 2` sends the same request twice to the same store.
 */
describe('POST /api/crypto/requests/verify: vectors/http-signatures/verify.json', () => {
  let server: TestServer;
  const key: TestKey = newKey(Buffer.from(vectors.key.private_key_hex, 'hex'));
  const clientId = vectors.key.client_id;

  beforeAll(async () => {
    expect(vectors.max_age).toBe(300);
    expect(vectors.clock_skew).toBe(30);
    expect(key.hex).toBe(vectors.key.public_key_hex);
    server = await startTestServer(sqliteStorage, {}, { now: () => vectors.now_ms });
  });
  afterAll(async () => {
    await server?.close();
  });

  const statement = (fields: Omit<StatementFields, 'publicKey' | 'timestamp' | 'nonce'>) => {
    const full: StatementFields = {
      publicKey: key.hex,
      timestamp: new Date(vectors.now_ms).toISOString(),
      nonce: nonce(),
      ...fields,
    };
    return { timestamp: full.timestamp, nonce: full.nonce, signature: signStatement(key, full) };
  };

  /** Brings the vector client to `status`: unknown (nothing yet), active, then inactive. */
  async function reach(status: Case['key_status']): Promise<void> {
    if (status === 'active') {
      const res = await server.json({
        method: 'POST',
        url: '/api/crypto/keys/register',
        payload: {
          client_id: clientId,
          public_key: key.hex,
          proof: statement({ action: 'register', clientId }),
        },
      });
      expect(res.status).toBe(201);
    } else if (status === 'inactive') {
      const res = await server.json({
        method: 'POST',
        url: '/api/crypto/keys/revoke',
        payload: {
          client_id: clientId,
          reason: null,
          ...statement({ action: 'revoke', clientId }),
        },
      });
      expect(res.status).toBe(200);
    }
  }

  const forward = (c: Case) =>
    server.json<Verdict>({
      method: 'POST',
      url: '/api/crypto/requests/verify',
      payload: {
        method: c.request.method,
        target_uri: c.request.target_uri,
        headers: Object.fromEntries(c.request.headers),
        ...(c.request.body_base64 === undefined ? {} : { body: c.request.body_base64 }),
      },
    });

  // One server, so the cases run in the order of the key's life.
  const order: Case['key_status'][] = ['unknown', 'active', 'inactive'];
  const cases = [...vectors.cases].sort(
    (a, b) => order.indexOf(a.key_status) - order.indexOf(b.key_status),
  );
  let reached: Case['key_status'] = 'unknown';

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    if (c.key_status !== reached) {
      await reach(c.key_status);
      reached = c.key_status;
    }
    await appContext(server.app).database.db.deleteFrom('request_nonces').execute();
    let res = await forward(c);
    for (let i = 1; i < (c.repeat ?? 1); i++) {
      expect(res.status).toBe(200);
      res = await forward(c);
    }
    if (c.expect === 'ok') {
      expect(res.status).toBe(200);
      const data = res.data();
      expect(data).toMatchObject({ verified: true, client_id: clientId, public_key: key.hex });
      expect(data.nonce).toMatch(/^[A-Za-z0-9+/=_.-]{22,128}$/);
      expect(data.covered_components).toContain('@method');
      return;
    }
    expect(res.error().code).toBe(c.expect);
    if (res.status === 401)
      expect(res.headers['accept-signature']).toContain('datafold-request-v1');
  });
});
