// Signed requests (spec/http-message-signatures-v1.md) in a real browser: the Fetch Request and
// WebCrypto of Chromium, not Node's. The test passes the vectors in; the page answers what it got.
import { base64ToBytes } from '../../../src/encoding/base64.js';
import { hexToBytes } from '../../../src/encoding/hex.js';
import { createMemoryReplayStore } from '../../../src/http-signatures/replay-store.js';
import { signRequest } from '../../../src/http-signatures/sign-request.js';
import { signatureHeaders } from '../../../src/http-signatures/signature-headers.js';
import { verifyRequest } from '../../../src/http-signatures/verify-request.js';
import { generateKeyPair } from '../../../src/keys/index.js';

interface SignCase {
  name: string;
  request: {
    method: string;
    target_uri: string;
    headers: Array<[string, string]>;
    body_base64?: string;
  };
  options: { created_ms: number; expires_in: number; nonce: string; components?: string[] };
}

async function signVectors(key: { client_id: string; private_key_hex: string }, cases: SignCase[]) {
  const out: Record<string, Record<string, string>> = {};
  for (const c of cases) {
    out[c.name] = {
      ...(await signatureHeaders(
        {
          method: c.request.method,
          targetUri: c.request.target_uri,
          headers: c.request.headers,
          ...(c.request.body_base64 === undefined
            ? {}
            : { body: base64ToBytes(c.request.body_base64) }),
        },
        {
          clientId: key.client_id,
          privateKey: hexToBytes(key.private_key_hex),
          now: () => c.options.created_ms,
          expiresIn: c.options.expires_in,
          nonce: c.options.nonce,
          ...(c.options.components === undefined ? {} : { components: c.options.components }),
        },
      )),
    };
  }
  return out;
}

/** Signs a POST with a seed and one with a non-extractable CryptoKey, and verifies both. */
async function roundTrip() {
  const keyPair = await generateKeyPair();
  const replayStore = createMemoryReplayStore({ now: () => 0 });
  const seedSigned = await signRequest(
    new Request(`${location.origin}/orders?draft=1`, {
      method: 'POST',
      body: JSON.stringify({ item: 'book' }),
      headers: { 'content-type': 'application/json' },
    }),
    { clientId: 'browser-seed', privateKey: keyPair.privateKey },
  );
  const bySeed = await verifyRequest(seedSigned, {
    resolveKey: () => Promise.resolve({ status: 'active', publicKey: keyPair.publicKey }),
    replayStore,
  });
  let byCryptoKey: unknown;
  try {
    const pair = await crypto.subtle.generateKey('Ed25519', false, ['sign', 'verify']);
    const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    const signed = await signRequest(new Request(`${location.origin}/keys`), {
      clientId: 'browser-cryptokey',
      cryptoKey: pair.privateKey,
    });
    byCryptoKey = (
      await verifyRequest(signed, {
        resolveKey: () => Promise.resolve({ status: 'active', publicKey }),
        replayStore,
      })
    ).clientId;
  } catch (error) {
    byCryptoKey = String(error);
  }
  let replay = 'accepted';
  try {
    await verifyRequest(seedSigned, {
      resolveKey: () => Promise.resolve({ status: 'active', publicKey: keyPair.publicKey }),
      replayStore,
    });
  } catch (error) {
    replay = (error as { code: string }).code;
  }
  return { bySeed: bySeed.clientId, body: await seedSigned.text(), byCryptoKey, replay };
}

Object.assign(globalThis, { signVectors, roundTrip });
