// Runs the web-app example's browser code (public/app.js) in Node against the app backend and
// a real DataFold server: the same SDK calls as in the page, with the in-memory key store
// standing in for IndexedDB (Node has none; the SDK's browser tests cover IndexedDB itself).
// Both schemes: the example's own headers on /api/orders, RFC 9421 signatures on /api/v2.
import assert from 'node:assert/strict';
import * as sdk from '@datafold/js-sdk';
import { startAppServer } from './app-server.mjs';
import { createApiFetch, createWebClient } from './public/app.js';

const datafoldUrl = process.env.DATAFOLD_SERVER_URL ?? 'http://localhost:9001';
const app = await startAppServer({ datafoldUrl });
try {
  const storage = await sdk.createStorage({
    type: 'memory',
    kdfParams: { memory: 19456, iterations: 2 },
  });
  const passphrase = 'correct horse battery staple';
  const user = await createWebClient({ sdk, storage, datafoldUrl, appUrl: app.url, passphrase });
  console.log('registered as', user.clientId);

  const body = JSON.stringify({ item: 'book', quantity: 2 });
  const created = await user.signedFetch('/api/orders', { method: 'POST', body });
  assert.equal(created.status, 201);
  const list = await user.signedFetch('/api/orders');
  assert.deepEqual(await list.json(), [{ clientId: user.clientId, item: 'book', quantity: 2 }]);

  // A reload: the key comes back from storage, no second registration.
  const again = await createWebClient({ sdk, storage, datafoldUrl, appUrl: app.url, passphrase });
  assert.equal(again.clientId, user.clientId);
  assert.equal((await again.signedFetch('/api/orders')).status, 200);

  // Unsigned and forged requests are refused.
  assert.equal((await fetch(`${app.url}/api/orders`)).status, 401);
  const forged = await fetch(`${app.url}/api/orders`, {
    headers: {
      'X-DataFold-Client': user.clientId,
      'X-DataFold-Timestamp': new Date().toISOString(),
      'X-DataFold-Nonce': '00'.repeat(16),
      'X-DataFold-Signature': '11'.repeat(64),
    },
  });
  assert.equal(forged.status, 401);
  assert.deepEqual(await forged.json(), { error: 'SIGNATURE_VERIFICATION_FAILED' });

  // #region signed-requests
  // RFC 9421 on /api/v2: the middleware verifies, the route reads the verified client id.
  const me = await user.apiFetch('/api/v2/whoami');
  assert.equal(me.status, 200);
  const whoami = await me.json();
  assert.equal(whoami.clientId, user.clientId);
  assert.deepEqual(whoami.covered, ['@method', '@target-uri']);
  console.log('GET /api/v2/whoami:', JSON.stringify(whoami));

  const json = { 'Content-Type': 'application/json' }; // else Fetch sends text/plain
  const placed = await user.apiFetch('/api/v2/orders', { method: 'POST', headers: json, body });
  assert.equal(placed.status, 201); // the body is covered by Content-Digest
  const mine = await (await user.apiFetch('/api/v2/orders')).json();
  assert.deepEqual(mine, [{ clientId: user.clientId, item: 'book', quantity: 2 }]);

  // Refusals carry a registry code; a 401 says what to send (Accept-Signature).
  const unsigned = await fetch(`${app.url}/api/v2/whoami`);
  assert.equal(unsigned.status, 401);
  assert.equal((await unsigned.json()).error.code, 'REQUEST_SIGNATURE_MISSING');
  assert.match(unsigned.headers.get('accept-signature'), /tag="datafold-request-v1"/);

  // One signed request, sent twice: the second is a replay. The same signature with another
  // body: the content no longer matches its Content-Digest.
  const { privateKey } = await storage.retrieveKeyPair('user-key', passphrase);
  const url = `${app.url}/api/v2/orders`;
  const signed = await sdk.signRequest(new Request(url, { method: 'POST', headers: json, body }), {
    clientId: user.clientId,
    privateKey,
  });
  assert.equal((await fetch(signed.clone())).status, 201);
  const replayed = await fetch(signed);
  assert.equal((await replayed.json()).error.code, 'REQUEST_SIGNATURE_REPLAYED');
  const tampered = await fetch(url, {
    method: 'POST',
    headers: signed.headers,
    body: body.replace('2', '20'),
  });
  assert.equal(tampered.status, 400);
  assert.equal((await tampered.json()).error.code, 'CONTENT_DIGEST_MISMATCH');
  // #endregion signed-requests

  // The page also serves: index.html loads app.js.
  assert.match(await (await fetch(app.url)).text(), /createWebClient/);

  // #region revocation
  // Revoked: the DataFold server refuses the key at once; an app's middleware within its key
  // cache time (5 s by default). An app that sets it to 0 asks the server on every request.
  const datafold = sdk.createServerIntegration({ baseUrl: datafoldUrl });
  const keyPair = await storage.retrieveKeyPair('user-key', passphrase);
  await datafold.revokeRegistration({ clientId: user.clientId, keyPair, reason: 'example' });
  const strict = await startAppServer({ datafoldUrl, keyCacheSeconds: 0 });
  try {
    const afterRevoke = createApiFetch({
      sdk,
      clientId: user.clientId,
      privateKey,
      appUrl: strict.url,
    });
    const refused = await afterRevoke('/api/v2/whoami');
    assert.equal(refused.status, 401);
    assert.equal((await refused.json()).error.code, 'REQUEST_SIGNATURE_INACTIVE_KEY');
  } finally {
    await strict.close();
  }
  // #endregion revocation
  console.log('web app flow in Node: ok');
} finally {
  await app.close();
}
