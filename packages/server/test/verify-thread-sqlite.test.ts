import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKey, registerBody, sign, type TestKey } from './helpers/keys.js';
import { sqliteStorage, startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * The verify route with signatures checked on the verify thread (`--verify-threads 1`): many
 * requests in flight at once, long and short messages, good and bad signatures, each answered with
 * its own verdict; and the thread's failure counter is on /metrics.
 */
describe('verify route with the verify thread (SQLite)', () => {
  let server: TestServer;
  const clients: { key: TestKey; clientId: string }[] = [];
  beforeAll(async () => {
    server = await startTestServer(sqliteStorage, { verifyThreads: 1 });
    for (let i = 0; i < 5; i++) {
      const key = newKey();
      const clientId = `thread-client-${i}`;
      const res = await server.json({
        method: 'POST',
        url: '/api/crypto/keys/register',
        payload: registerBody(key, clientId),
      });
      expect(res.status).toBe(201);
      clients.push({ key, clientId });
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers every request in flight at once with its own verdict', async () => {
    const requests = Array.from({ length: 400 }, (_, i) => {
      const { key, clientId } = clients[i % clients.length]!;
      // Some messages are longer than a ring slot holds; every fourth signature is another's.
      const message = `message ${i} ${'y'.repeat(i % 9 === 0 ? 3000 : i % 40)}`;
      const signed = i % 4 === 3 ? `${message}?` : message;
      return { clientId, message, signature: sign(key, signed), good: i % 4 !== 3 };
    });
    const answers = await Promise.all(
      requests.map((r) =>
        server.json<{ client_id: string; message_hash: string }>({
          method: 'POST',
          url: '/api/crypto/signatures/verify',
          payload: { client_id: r.clientId, message: r.message, signature: r.signature },
        }),
      ),
    );
    answers.forEach((res, i) => {
      const r = requests[i]!;
      if (r.good) {
        expect(res.status).toBe(200);
        expect(res.data()).toMatchObject({
          client_id: r.clientId,
          message_hash: createHash('sha256').update(r.message).digest('hex'),
        });
      } else {
        expect(res.status).toBe(401);
        expect(res.error().code).toBe('SIGNATURE_VERIFICATION_FAILED');
      }
    });
  });

  it('exposes datafold_verify_thread_failures_total', async () => {
    const res = await server.text({ method: 'GET', url: '/metrics' });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^datafold_verify_thread_failures_total 0$/m);
  });
});
