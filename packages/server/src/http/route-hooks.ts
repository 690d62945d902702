import type {
  onRequestAsyncHookHandler,
  onRequestHookHandler,
  preHandlerAsyncHookHandler,
  preHandlerHookHandler,
  RouteOptions,
} from 'fastify';

/** The route-level hooks a cross-cutting check adds to the routes it applies to. */
type RouteHookName = 'onRequest' | 'preHandler';
type RouteHook<Name extends RouteHookName> = Name extends 'onRequest'
  ? onRequestHookHandler | onRequestAsyncHookHandler
  : preHandlerHookHandler | preHandlerAsyncHookHandler;

/**
 * Adds `hook` after the route's own `name` hooks, from an `onRoute` hook: a check that only some
 * routes need runs on those only, instead of as an app hook every request pays for. The list is a
 * new one, never the route's own: Fastify copies a GET route's options for its HEAD twin before
 * `onRoute` sees either, so changing the shared list in place would add the hook twice.
 *
 * @example
 * app.addHook('onRoute', (route) => {
 *   if (route.config?.admin) appendRouteHook(route, 'onRequest', authenticate);
 * });
 */
export function appendRouteHook<Name extends RouteHookName>(
  route: RouteOptions,
  name: Name,
  hook: RouteHook<Name>,
): void {
  const own: unknown = route[name] ?? [];
  const hooks: unknown[] = Array.isArray(own) ? [...(own as unknown[]), hook] : [own, hook];
  (route as Record<RouteHookName, unknown>)[name] = hooks;
}
