import type { onRequestHookHandler, RouteOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { appendRouteHook } from '../../src/http/route-hooks.js';

const hook = (name: string): onRequestHookHandler =>
  Object.defineProperty((_request, _reply, done) => done(), 'name', { value: name });
const route = (extra: Partial<RouteOptions> = {}) =>
  ({ method: 'GET', url: '/x', handler: () => 'x', ...extra }) as RouteOptions;

describe('appendRouteHook', () => {
  it('gives a route without hooks of that kind a list of one', () => {
    const r = route();
    const added = hook('added');
    appendRouteHook(r, 'onRequest', added);
    expect(r.onRequest).toEqual([added]);
  });

  it("adds after the route's own hook, given alone or in a list", () => {
    const own = hook('own');
    const added = hook('added');
    const single = route({ preHandler: own });
    appendRouteHook(single, 'preHandler', added);
    expect(single.preHandler).toEqual([own, added]);
    const listed = route({ onRequest: [own] });
    appendRouteHook(listed, 'onRequest', added);
    expect(listed.onRequest).toEqual([own, added]);
  });

  it("never changes the route's own list, which Fastify shares with a GET route's HEAD twin", () => {
    const shared = [hook('own')];
    const get = route({ onRequest: shared });
    const head = route({ method: 'HEAD', onRequest: shared });
    appendRouteHook(get, 'onRequest', hook('added'));
    appendRouteHook(head, 'onRequest', hook('added'));
    expect(shared).toHaveLength(1);
    expect(get.onRequest).toHaveLength(2);
    expect(head.onRequest).toHaveLength(2);
  });
});
