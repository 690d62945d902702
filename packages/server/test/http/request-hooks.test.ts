import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { appContext } from '../../src/app/build-app.js';
import { SECURITY_HEADERS } from '../../src/http/request-hooks.js';
import { newKey, registerBody, sign } from '../helpers/keys.js';
import { sqliteStorage, startTestServer, type TestServer } from '../helpers/test-server.js';

/** A log stream kept in memory, one parsed object per line. */
function memoryLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const records = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { stream, lines, records };
}

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('the work around every request', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('sends the security headers and a request id on every answer: 2xx, 404, 405, 413, 429 and 500', async () => {
    server = await startTestServer(sqliteStorage, { rateLimitPerIp: 8, bodyLimit: 1024 });
    const ctx = appContext(server.app);
    const findCurrent = ctx.registrations.findCurrent.bind(ctx.registrations);
    const answers = [
      await server.json({ method: 'GET', url: '/api/crypto/status' }),
      await server.json({ method: 'GET', url: '/api/crypto/nothing' }),
      await server.json({ method: 'DELETE', url: '/api/crypto/signatures/verify' }),
      await server.json({
        method: 'POST',
        url: '/api/crypto/signatures/verify',
        payload: { client_id: 'x', message: 'm'.repeat(2048), signature: 'ab'.repeat(64) },
      }),
    ];
    ctx.registrations.findCurrent = () => Promise.reject(new Error('boom'));
    answers.push(await server.json({ method: 'GET', url: '/api/crypto/keys/status/someone' }));
    ctx.registrations.findCurrent = findCurrent;
    let limited;
    do limited = await server.json({ method: 'GET', url: '/api/crypto/status' });
    while (limited.status !== 429);
    answers.push(limited);
    expect(answers.map((a) => a.status)).toEqual([200, 404, 405, 413, 500, 429]);
    const ids = new Set<string>();
    for (const answer of answers) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        expect(answer.headers[name], `${answer.status} ${name}`).toBe(value);
      }
      const id = answer.headers['x-request-id'] as string;
      expect(id).toMatch(REQUEST_ID);
      ids.add(id);
    }
    expect(ids.size).toBe(answers.length);
  });

  it('writes the request line as the request’s own logger would, with its id, beside its error lines', async () => {
    const log = memoryLog();
    server = await startTestServer(
      sqliteStorage,
      {},
      { logger: { level: 'info', stream: log.stream } },
    );
    const ctx = appContext(server.app);
    ctx.registrations.findCurrent = () => Promise.reject(new Error('secret internal detail'));
    const failed = await server.json({ method: 'GET', url: '/api/crypto/keys/status/someone' });
    expect(failed.status).toBe(500);
    const id = failed.headers['x-request-id'];
    const mine = log.records().filter((r) => r.reqId === id);
    expect(mine.map((r) => r.msg)).toEqual(['unexpected error', 'request completed']);
    expect(mine[0]).toMatchObject({ level: 50, err: { message: 'secret internal detail' } });
    const completed = mine[1]!;
    expect(completed).toMatchObject({
      level: 30,
      method: 'GET',
      route: '/api/crypto/keys/status/:client_id',
      status: 500,
    });
    // Byte for byte (but the clock) what a child logger bound to the request id writes.
    const { ms, time } = completed;
    server.app.log
      .child({ reqId: id })
      .info(
        { method: 'GET', route: '/api/crypto/keys/status/:client_id', status: 500, ms },
        'request completed',
      );
    const written = log.lines.filter((l) => l.includes(`"reqId":"${id as string}"`));
    const byChild = written.at(-1)!.replace(/"time":\d+/, `"time":${String(time)}`);
    expect(written[1]).toBe(byChild);
  });

  it('writes no request line below its level, and still logs errors with their request id', async () => {
    const log = memoryLog();
    server = await startTestServer(
      sqliteStorage,
      {},
      { logger: { level: 'warn', stream: log.stream } },
    );
    expect((await server.json({ method: 'GET', url: '/api/crypto/status' })).status).toBe(200);
    appContext(server.app).registrations.findCurrent = () => Promise.reject(new Error('boom'));
    const failed = await server.json({ method: 'GET', url: '/api/crypto/keys/status/x' });
    const records = log.records();
    expect(records.some((r) => r.msg === 'request completed')).toBe(false);
    expect(records.filter((r) => r.msg === 'unexpected error').map((r) => r.reqId)).toEqual([
      failed.headers['x-request-id'],
    ]);
  });

  it('counts every answer in the metrics: by route pattern (unmatched for 404) and status, with its latency', async () => {
    server = await startTestServer(sqliteStorage);
    const key = newKey();
    await server.json({
      method: 'POST',
      url: '/api/crypto/keys/register',
      payload: registerBody(key, 'c1'),
    });
    for (let i = 0; i < 3; i++) {
      await server.json({
        method: 'POST',
        url: '/api/crypto/signatures/verify',
        payload: { client_id: 'c1', message: `m${i}`, signature: sign(key, `m${i}`) },
      });
    }
    await server.json({ method: 'GET', url: '/api/crypto/nothing' });
    await server.json({ method: 'GET', url: '/api/crypto/nothing-else' });
    const metrics = (await server.app.inject({ method: 'GET', url: '/metrics' })).body;
    const verify = 'method="POST",route="/api/crypto/signatures/verify"';
    expect(metrics).toContain(`datafold_http_requests_total{${verify},status="200"} 3`);
    expect(metrics).toContain(
      'datafold_http_requests_total{method="GET",route="unmatched",status="404"} 2',
    );
    expect(metrics).toContain(`datafold_http_request_duration_seconds_count{${verify}} 3`);
    expect(metrics).toContain(
      `datafold_http_request_duration_seconds_bucket{le="+Inf",${verify}} 3`,
    );
    expect(metrics).toContain('datafold_verify_outcomes_total{outcome="verified"} 3');
    // A second scrape counts the first one and nothing twice.
    const again = (await server.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(again).toContain(`datafold_http_requests_total{${verify},status="200"} 3`);
    expect(again).toContain(
      'datafold_http_requests_total{method="GET",route="/metrics",status="200"} 1',
    );
  });
});
