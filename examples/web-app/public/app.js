// The browser side of the web-app example: the user's key is made and kept in the browser
// (IndexedDB, encrypted under the user's passphrase), registered with the DataFold server, and
// every API call to the app is signed with it: to RFC 9421 with createSignedFetch for the /api/v2
// routes, and with the example's own headers for /api/orders. The SDK is passed in, so the same
// code runs in a page (the SDK bundle) and in Node (the package), where run-in-node.mjs drives it.

/** The bytes the client signs for one request; app-server.mjs rebuilds them to verify. */
export async function canonicalRequest({ method, path, timestamp, nonce, body }) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body));
  const bodyHash = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${method} ${path}\n${timestamp}\n${nonce}\n${bodyHash}`;
}

// #region client
/**
 * Sets up (or reopens) the user's key and returns a fetch that signs requests to the app.
 * `storage` is `await sdk.createStorage()` in a page (IndexedDB).
 */
export async function createWebClient({ sdk, storage, datafoldUrl, appUrl, passphrase }) {
  const datafold = sdk.createServerIntegration({ baseUrl: datafoldUrl, retries: 2 });
  const keyId = 'user-key';

  let keyPair;
  let clientId;
  if (await storage.hasKey(keyId)) {
    keyPair = await storage.retrieveKeyPair(keyId, passphrase); // DECRYPTION_FAILED if wrong
    const [info] = (await storage.listKeys()).filter((k) => k.keyId === keyId);
    clientId = info.metadata.clientId;
  } else {
    keyPair = await sdk.generateKeyPair();
    // Registration carries a proof of possession: the key signs a register statement.
    const registration = await datafold.registerKeyPair(keyPair, { keyName: 'browser' });
    clientId = registration.clientId;
    await storage.storeKeyPair(keyId, keyPair, passphrase, { name: 'Web login', clientId });
  }

  async function signedFetch(path, { method = 'GET', body = '' } = {}) {
    const timestamp = new Date().toISOString();
    const nonce = sdk.bytesToHex(crypto.getRandomValues(new Uint8Array(16)));
    const message = await canonicalRequest({ method, path, timestamp, nonce, body });
    const signature = sdk.bytesToHex(await sdk.sign(message, keyPair.privateKey));
    return fetch(`${appUrl}${path}`, {
      method,
      headers: {
        'Content-Type': 'application/json',
        'X-DataFold-Client': clientId,
        'X-DataFold-Timestamp': timestamp,
        'X-DataFold-Nonce': nonce,
        'X-DataFold-Signature': signature,
      },
      ...(method === 'GET' ? {} : { body }),
    });
  }

  const apiFetch = createApiFetch({ sdk, clientId, privateKey: keyPair.privateKey, appUrl });
  return { clientId, publicKey: sdk.bytesToHex(keyPair.publicKey), signedFetch, apiFetch };
}
// #endregion client

// #region signed-fetch
/**
 * A fetch for the app's /api/v2 routes: every request carries Signature-Input, Signature and,
 * with a body, Content-Digest (RFC 9421, spec/http-message-signatures-v1.md), made with the
 * user's key. `appUrl` is '' in the page (same origin) and the app's address in Node.
 */
export function createApiFetch({ sdk, clientId, privateKey, appUrl }) {
  const signedFetch = sdk.createSignedFetch({ clientId, privateKey });
  return (path, init) => signedFetch(`${appUrl}${path}`, init);
}
// #endregion signed-fetch
