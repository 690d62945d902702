import type {
  FastifyInstance,
  FastifyRequest,
  HookHandlerDoneFunction,
  preHandlerHookHandler,
} from 'fastify';
import type { RateLimiter } from './rate-limiter.js';
import { appendRouteHook } from './route-hooks.js';

/**
 * The four budgets a request can spend, each per minute (server README, "Rate limits"):
 *
 * - `perIp`: every request from an address;
 * - `failuresPerIp`: answers 4xx (but 429) to an address: unknown clients, bad signatures and
 *   statements, bad tokens. Whoever fails pays, not the client their request named;
 * - `perClient`: verifications, revocations and rotations that succeeded for a client: only its
 *   own key can spend it, so nobody can lock a client out by naming it;
 * - `registrationsPerIp`: registrations that succeeded from an address, which bounds how fast an
 *   address can add durable rows (the refused ones are aggregated, audit/refusal-aggregator.ts).
 */
export interface RequestLimits {
  perIp: RateLimiter;
  failuresPerIp: RateLimiter;
  perClient: RateLimiter;
  registrationsPerIp: RateLimiter;
}

/** Routes exempt from rate limits: probes and scrapes must keep working under load. */
const UNLIMITED = new Set(['/api/health', '/metrics']);
/** Routes whose success is work a client did with its own key. */
const CLIENT_WORK = new Set([
  '/api/crypto/signatures/verify',
  '/api/crypto/keys/revoke',
  '/api/crypto/keys/rotate',
]);
const REGISTER = '/api/crypto/keys/register';

type Check = () => void | Promise<void>;

/** Runs limiter checks in order and passes the first refusal (or none) to a callback hook. */
function runChecks(checks: Check[], done: HookHandlerDoneFunction): void {
  for (let i = 0; i < checks.length; i++) {
    let pending: void | Promise<void>;
    try {
      pending = checks[i]!();
    } catch (error) {
      done(error as Error);
      return;
    }
    if (pending) {
      const rest = checks.slice(i + 1);
      pending.then(() => runChecks(rest, done), done);
      return;
    }
  }
  done();
}

function clientIdOf(request: FastifyRequest): string | null {
  const id = (request.body as { client_id?: unknown } | undefined)?.client_id;
  return typeof id === 'string' && id !== '' ? id : null;
}

/**
 * Adds the rate-limit hooks: budgets already spent refuse at once (429 with Retry-After, before
 * any work), and each answer spends the budget of whoever it belongs to. Callback-style hooks:
 * with the in-memory store nothing here allocates a promise.
 *
 * @example
 * addRateLimitHooks(app, limits);
 */
export function addRateLimitHooks(app: FastifyInstance, limits: RequestLimits): void {
  const { perIp, failuresPerIp, perClient, registrationsPerIp } = limits;
  if (perIp.enabled || failuresPerIp.enabled) {
    app.addHook('onRequest', (request, _reply, done) => {
      const route = request.routeOptions.url;
      if (!route || UNLIMITED.has(route)) return done();
      const ip = request.ip;
      runChecks([() => perIp.check(`ip:${ip}`), () => failuresPerIp.peek(`fail:${ip}`)], done);
    });
  }
  // Only the routes whose success spends a budget look at it before their handler, through a
  // hook added to those routes as they are registered: no other request runs one.
  app.addHook('onRoute', (route) => {
    const peekClient = perClient.enabled && CLIENT_WORK.has(route.url);
    const peekRegistrations = registrationsPerIp.enabled && route.url === REGISTER;
    if (!peekClient && !peekRegistrations) return;
    const peekBudgets: preHandlerHookHandler = (request, _reply, done) => {
      const checks: Check[] = [];
      const clientId = peekClient ? clientIdOf(request) : null;
      if (clientId !== null) checks.push(() => perClient.peek(`client:${clientId}`));
      if (peekRegistrations) checks.push(() => registrationsPerIp.peek(`register:${request.ip}`));
      runChecks(checks, done);
    };
    appendRouteHook(route, 'preHandler', peekBudgets);
  });
  // With every budget that answers spend turned off, nothing is left to do after an answer.
  if (!perClient.enabled && !registrationsPerIp.enabled && !failuresPerIp.enabled) return;
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? '';
    const status = reply.statusCode;
    if (status >= 200 && status < 300) {
      const clientId = CLIENT_WORK.has(route) ? clientIdOf(request) : null;
      if (clientId !== null) perClient.charge(`client:${clientId}`);
      if (route === REGISTER) registrationsPerIp.charge(`register:${request.ip}`);
    } else if (status >= 400 && status < 500 && status !== 429 && !UNLIMITED.has(route)) {
      failuresPerIp.charge(`fail:${request.ip}`);
    }
    done();
  });
}
