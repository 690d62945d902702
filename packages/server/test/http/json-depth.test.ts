import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { limitJsonDepth, MAX_JSON_DEPTH, nestsDeeperThan } from '../../src/http/json-depth.js';
import { rawBody } from '../../src/http/raw-body.js';

/** An app with the JSON parser and one route that tells what it received. */
async function echoApp(keepBytes: boolean) {
  const app = Fastify({ logger: false });
  limitJsonDepth(app, { keepBytes });
  app.setErrorHandler((error: Error & { code?: string }, _request, reply) => {
    void reply.code(400).send({ code: error.code ?? error.name, message: error.message });
  });
  app.post('/echo', (request) => ({
    body: request.body,
    kept: rawBody(request)?.toString('hex') ?? null,
  }));
  await app.ready();
  return app;
}

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('the JSON body parser', () => {
  it('finds nesting deeper than the limit, brackets inside strings not counted', () => {
    expect(nestsDeeperThan('{"a":[[1]]}', 2)).toBe(true);
    expect(nestsDeeperThan('{"a":[[1]]}', 3)).toBe(false);
    expect(nestsDeeperThan(`{"a":"${'['.repeat(100)}"}`, 2)).toBe(false);
    expect(nestsDeeperThan(`{"a":"\\"${'['.repeat(100)}"}`, 2)).toBe(false);
  });

  for (const keepBytes of [true, false]) {
    it(`parses the same bodies and refuses the same ones with keepBytes ${String(keepBytes)}`, async () => {
      const app = await echoApp(keepBytes);
      const payload = '{"client_id":"é","n":[1,{"x":null}]}';
      const ok = await app.inject({
        method: 'POST',
        url: '/echo',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({
        body: { client_id: 'é', n: [1, { x: null }] },
        // The bytes as received, only when they are kept.
        kept: keepBytes ? Buffer.from(payload).toString('hex') : null,
      });
      for (const bad of [nested(MAX_JSON_DEPTH + 1), '{"a":', '{"__proto__":{"x":1}}']) {
        const refused = await app.inject({
          method: 'POST',
          url: '/echo',
          headers: { 'content-type': 'application/json' },
          payload: bad,
        });
        expect(refused.statusCode, bad).toBe(400);
      }
      const deepest = await app.inject({
        method: 'POST',
        url: '/echo',
        headers: { 'content-type': 'application/json' },
        payload: nested(MAX_JSON_DEPTH),
      });
      expect(deepest.statusCode).toBe(200);
      await app.close();
    });
  }
});
