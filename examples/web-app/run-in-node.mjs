// Runs the web-app example's browser code (public/app.js) in Node against the app backend and
// a real DataFold server: the same SDK calls as in the page, with the in-memory key store
// standing in for IndexedDB (Node has none; the SDK's browser tests cover IndexedDB itself).
import assert from 'node:assert/strict';
import * as sdk from '@datafold/js-sdk';
import { startAppServer } from './app-server.mjs';
import { createWebClient } from './public/app.js';

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

  // The page also serves: index.html loads app.js.
  assert.match(await (await fetch(app.url)).text(), /createWebClient/);
  console.log('web app flow in Node: ok');
} finally {
  await app.close();
}
