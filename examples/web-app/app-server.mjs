// The app's backend in the web-app example: serves the page, and accepts API calls only when
// they are signed by a key registered with the DataFold server. Two schemes side by side:
// - /api/v2/*: standard RFC 9421 signatures, checked by the SDK's middleware (signed-api.mjs);
// - /api/orders: the example's own headers, kept for comparison. The DataFold server checks the
//   signature against the client's active key; this server checks freshness and replays, which
//   are the app's job (the DataFold verify route is stateless by design).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createServerIntegration, isDataFoldError } from '@datafold/js-sdk';
import { build } from 'esbuild';
import { canonicalRequest } from './public/app.js';
import { createSignedApi } from './signed-api.mjs';

const PUBLIC = fileURLToPath(new URL('./public/', import.meta.url));
const MAX_SKEW_MS = 5 * 60 * 1000;

// #region verify
/** Checks one signed request; answers the client id or throws with an HTTP status. */
async function authenticate(datafold, seenNonces, { method, path, headers, body }) {
  const clientId = headers['x-datafold-client'];
  const timestamp = headers['x-datafold-timestamp'];
  const nonce = headers['x-datafold-nonce'];
  const signature = headers['x-datafold-signature'];
  if (!clientId || !timestamp || !nonce || !signature) throw { status: 401, code: 'UNSIGNED' };
  if (Math.abs(Date.now() - Date.parse(timestamp)) > MAX_SKEW_MS) {
    throw { status: 401, code: 'STALE_REQUEST' };
  }
  if (seenNonces.has(nonce)) throw { status: 409, code: 'REPLAYED_REQUEST' };
  const message = await canonicalRequest({ method, path, timestamp, nonce, body });
  let result;
  try {
    result = await datafold.verifySignature({ clientId, message, signature });
  } catch (error) {
    // 403 revoked or superseded key, 404 unknown client, 400 malformed.
    if (isDataFoldError(error) && error.fromServer)
      throw { status: error.httpStatus, code: error.code };
    throw { status: 503, code: 'DATAFOLD_UNAVAILABLE' };
  }
  // A bad signature is an answer, not an error: deny unless verified.
  if (!result.verified) throw { status: 401, code: result.error.code };
  seenNonces.add(nonce); // a real app keeps these (with an expiry) in Redis or its database
  return clientId;
}
// #endregion verify

/** The SDK as one browser ES module, built on first request (a real app bundles it with its own code). */
let sdkBundle;
async function browserSdk() {
  sdkBundle ??= build({
    stdin: { contents: "export * from '@datafold/js-sdk';", resolveDir: PUBLIC },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
  }).then((result) => result.outputFiles[0].text);
  return sdkBundle;
}

/**
 * Starts the app on a free port (or `port`); resolves to { url, close }. `keyCacheSeconds` is
 * passed to the /api/v2 middleware (how long a key answer is reused; default 5).
 */
export async function startAppServer({ datafoldUrl, port = 0, keyCacheSeconds }) {
  const datafold = createServerIntegration({ baseUrl: datafoldUrl, retries: 2 });
  const signedApi = createSignedApi({ datafoldUrl, keyCacheSeconds });
  const seenNonces = new Set();
  const orders = [];
  const server = createServer(async (req, res) => {
    const reply = (status, value, type = 'application/json') => {
      res.writeHead(status, { 'Content-Type': type });
      res.end(type === 'application/json' ? JSON.stringify(value) : value);
    };
    try {
      const path = new URL(req.url, 'http://app').pathname;
      // The middleware reads the body itself: it checks the bytes against Content-Digest.
      if (path.startsWith('/api/v2/')) return signedApi.handle(req, res);
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.method === 'GET' && (path === '/' || path === '/app.js')) {
        const file = path === '/' ? 'index.html' : 'app.js';
        const type = path === '/' ? 'text/html' : 'text/javascript';
        return reply(200, await readFile(`${PUBLIC}${file}`, 'utf8'), type);
      }
      if (req.method === 'GET' && path === '/sdk.js') {
        return reply(200, await browserSdk(), 'text/javascript');
      }
      if (req.method === 'GET' && path === '/config.json') return reply(200, { datafoldUrl });
      if (path === '/api/orders') {
        const clientId = await authenticate(datafold, seenNonces, {
          method: req.method,
          path,
          headers: req.headers,
          body,
        });
        if (req.method === 'POST') {
          orders.push({ clientId, ...JSON.parse(body) });
          return reply(201, { accepted: true, clientId });
        }
        return reply(
          200,
          orders.filter((o) => o.clientId === clientId),
        );
      }
      reply(404, { error: 'NOT_FOUND' });
    } catch (error) {
      if (typeof error?.status === 'number') return reply(error.status, { error: error.code });
      reply(500, { error: 'INTERNAL_ERROR' });
    }
  });
  await signedApi.ready;
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
