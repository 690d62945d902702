/**
 * `@datafold/js-sdk/fastify`: a Fastify plugin that verifies the DataFold request signature
 * (spec/http-message-signatures-v1.md) of every request of the routes it wraps, and hands the
 * route the verified client as `request.datafold`. Every export is named here.
 *
 * Fastify is not a dependency: this module imports its types only, and marks the plugin the way
 * `fastify-plugin` would (Symbol.for('skip-override')), so its hook and body parsers apply to the
 * scope it is registered in: register it at the root for every route, or inside a plugin for that
 * plugin's routes.
 *
 * @example
 * import Fastify from 'fastify';
 * import { signedRequestsPlugin } from '@datafold/js-sdk/fastify';
 *
 * const app = Fastify();
 * await app.register(async (api) => {
 *   await api.register(signedRequestsPlugin, { serverUrl: 'https://keys.example' });
 *   api.post('/orders', async (request) => ({ from: request.datafold?.clientId }));
 * });
 */
// Verify through node:crypto (a side effect: signatures/node/register-node-ed25519.ts says why).
import '../signatures/node/register-node-ed25519.js';
// Content-Digest hashed by node:crypto (a side effect: http-signatures/node/register-node-digests.ts).
import '../http-signatures/node/register-node-digests.js';
import type { FastifyInstance, FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import type { VerifiedRequest } from '../http-signatures/index.js';
import { toRefusal } from './refusal.js';
import { createIncomingVerifier, type SignedRequestsOptions } from './signed-requests-options.js';
import { batchVerifications } from './verification-batch.js';

export {
  createDataFoldKeyResolver,
  type DataFoldKeyResolverOptions,
  type RequestKeyResolver,
} from './key-resolver.js';
export type { SignedRequestsOptions } from './signed-requests-options.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified signer (its `clientId` is the `keyid`) on the routes the plugin wraps. */
    datafold?: VerifiedRequest;
  }
}

/** The content bytes of each request, kept by our body parsers for the Content-Digest check. */
const received = new WeakMap<FastifyRequest, Uint8Array>();

/**
 * The plugin: a `preValidation` hook that verifies each request (after the body is read, before
 * schema validation and the handler), and body parsers for `application/json` and `text/plain`
 * that keep the bytes and still give the route what Fastify's own parsers give (Fastify's JSON
 * parser with the app's poisoning settings; a string), within Fastify's `bodyLimit`. For another
 * content type, register a parser with `parseAs: 'buffer'` that passes the Buffer through: the
 * bytes in `request.body` are then the ones checked. A refusal is the DataFold envelope with the
 * code's status, `Accept-Signature` on 401 and `Retry-After` on 503.
 *
 * @example
 * await app.register(signedRequestsPlugin, { serverUrl: 'https://keys.example', publicUrl: 'https://api.example' });
 */
export const signedRequestsPlugin: FastifyPluginCallback<SignedRequestsOptions> = (
  app,
  options,
  done,
) => {
  // A callback hook, not an async one: the verifications of one turn of the event loop run
  // together at its end (verification-batch.ts says why), and no promise is made when none waits.
  const verifyIncoming = createIncomingVerifier(options);
  const verifyLater = batchVerifications(verifyIncoming);
  if (!app.hasRequestDecorator('datafold')) app.decorateRequest('datafold', undefined);
  keepBodies(app);
  app.addHook('preValidation', (request: FastifyRequest, reply: FastifyReply, next) => {
    const parts = {
      method: request.raw.method ?? request.method,
      url: request.originalUrl,
      rawHeaders: request.raw.rawHeaders,
      encrypted: (request.raw.socket as { encrypted?: boolean } | null)?.encrypted === true,
      body: received.get(request) ?? bytesOf(request.body),
    };
    verifyLater(parts, (error, verified) => {
      try {
        if (verified !== undefined) {
          request.datafold = verified;
          next();
          return;
        }
        const refusal = toRefusal(error);
        if (refusal === undefined) next(error as Error);
        else reply.code(refusal.statusCode).headers(refusal.headers).send(refusal.body);
      } catch (thrown) {
        // Outside Fastify's own call stack (the batch runs at the end of the turn): log, so a
        // failure is seen, rather than throw into the event loop.
        request.log.error({ err: thrown }, 'datafold: continuing a verified request failed');
      }
    });
  });
  // A memory replay store refuses what was signed before its birth, to the second (spec §3.1).
  // Finishing registration only once that second is over (at most a second of boot) keeps the
  // app from taking requests it would refuse because they were signed as it started.
  const untilBorn = verifyIncoming.acceptsFrom * 1000 - Date.now();
  if (untilBorn > 0) setTimeout(done, untilBorn);
  else done();
};

const meta = signedRequestsPlugin as unknown as Record<symbol, unknown>;
meta[Symbol.for('skip-override')] = true;
meta[Symbol.for('fastify.display-name')] = '@datafold/js-sdk/fastify';
meta[Symbol.for('plugin-meta')] = { name: '@datafold/js-sdk/fastify', fastify: '5.x' };

/** Replaces the scope's JSON and text parsers by ones that also keep the bytes. */
function keepBodies(app: FastifyInstance): void {
  const config = app.initialConfig as {
    onProtoPoisoning?: 'error' | 'remove' | 'ignore';
    onConstructorPoisoning?: 'error' | 'remove' | 'ignore';
  };
  const parseJson = app.getDefaultJsonParser(
    config.onProtoPoisoning ?? 'error',
    config.onConstructorPoisoning ?? 'error',
  );
  // As Fastify decodes (Buffer#toString): a byte-order mark stays in the text.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    received.set(request, body as Uint8Array);
    void parseJson(request, decoder.decode(body as Uint8Array), done);
  });
  app.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (request, body, done) => {
    received.set(request, body as Uint8Array);
    done(null, decoder.decode(body as Uint8Array));
  });
}

/** A body some other parser left as bytes (`parseAs: 'buffer'` passed through). */
function bytesOf(body: unknown): Uint8Array | undefined {
  return body instanceof Uint8Array ? body : undefined;
}
