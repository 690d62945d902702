// The app's /api/v2 routes: every request must carry an RFC 9421 signature by the user's active
// DataFold key (spec/http-message-signatures-v1.md). The SDK's Connect/Express middleware does the
// whole check (freshness, Content-Digest, the key from the DataFold server, replays); the routes
// only read the verified client id. Connect middleware is a plain (req, res, next) function, so
// it runs in this node:http server as it would after `app.use()` in Express.
import { createMemoryReplayStore } from '@datafold/js-sdk';
import { signedRequestsMiddleware } from '@datafold/js-sdk/express';

/**
 * `{ handle, ready }`: a request handler for /api/v2/*, and a promise that resolves once it can
 * accept signatures. `keyCacheSeconds` is how long a key answer of the DataFold server is reused
 * (default 5): the most a revocation can take to reach this app.
 */
export function createSignedApi({ datafoldUrl, keyCacheSeconds = 5 }) {
  // #region middleware
  // Nonces seen in the last 5 minutes, in this process: right for one app instance (several
  // instances behind one address need one shared store, guide 15).
  const replayStore = createMemoryReplayStore();
  const requireSignature = signedRequestsMiddleware({
    serverUrl: datafoldUrl, // keys are looked up by keyid: GET /api/crypto/keys/status/{id}
    ttlSeconds: keyCacheSeconds,
    replayStore,
    // publicUrl: 'https://app.example', // behind a proxy: the origin the browser signs
  });
  // #endregion middleware
  const orders = [];

  // #region routes
  function routes(req, res) {
    const clientId = req.datafold.clientId; // the keyid of a valid signature by an active key
    const path = new URL(req.url, 'http://app').pathname;
    if (req.method === 'GET' && path === '/api/v2/whoami') {
      return send(res, 200, { clientId, covered: req.datafold.coveredComponents });
    }
    if (req.method === 'POST' && path === '/api/v2/orders') {
      orders.push({ clientId, ...req.body }); // the middleware parsed the JSON it checked
      return send(res, 201, { accepted: true, clientId });
    }
    if (req.method === 'GET' && path === '/api/v2/orders') {
      return send(
        res,
        200,
        orders.filter((o) => o.clientId === clientId),
      );
    }
    send(res, 404, { error: 'NOT_FOUND' });
  }

  const handle = (req, res) =>
    requireSignature(req, res, (error) => {
      // A refusal was already answered (401/400/503 with the registry code); this is a bug.
      if (error) return send(res, 500, { error: 'INTERNAL_ERROR' });
      routes(req, res);
    });
  // #endregion routes

  // The store refuses signatures made before its birth, to the second (spec §3.1: nothing signed
  // before a restart can be replayed). Taking requests only after that second spares a client
  // the refusal of a request signed in the instant the app started.
  const wait = replayStore.notBefore * 1000 - Date.now();
  const ready = new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
  return { handle, ready };
}

function send(res, status, value) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(value));
}
