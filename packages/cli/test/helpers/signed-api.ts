import { signedRequestsPlugin } from '@datafold/js-sdk/fastify';
import Fastify from 'fastify';

/** A small API behind the SDK's Fastify plugin, listening on 127.0.0.1 and a free port. */
export interface SignedApi {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

/**
 * An application that requires signed requests, with keys from a real datafold-server:
 * `GET /whoami` and `POST|PUT /echo` answer with the client id the plugin verified and, for
 * /echo, the content it received. Keys are not cached (ttlSeconds 0), so a revocation on the
 * server is seen by the next request.
 *
 * @example
 * const api = await startSignedApi(server.url);
 */
export async function startSignedApi(serverUrl: string): Promise<SignedApi> {
  const app = Fastify();
  await app.register(async (api) => {
    await api.register(signedRequestsPlugin, { serverUrl, ttlSeconds: 0 });
    // Content of any other type reaches the route (and the Content-Digest check) as bytes.
    api.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    api.get('/whoami', (request) => ({ client_id: request.datafold?.clientId ?? null }));
    const echo = (request: { datafold?: { clientId: string }; body: unknown }) => ({
      client_id: request.datafold?.clientId ?? null,
      received: Buffer.isBuffer(request.body) ? request.body.toString('utf8') : request.body,
    });
    api.post('/echo', echo);
    api.put('/echo', echo);
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
}
