// The page of non-extractable-keys.test.ts: the non-extractable key store (spec/indexeddb-storage-v1.md
// §7) in Chromium, exposed as `keys.<step>(args)`, each answering JSON: { ok, value } or the coded
// error { ok: false, code, message }. Every step opens its own store, so a key read back after a
// reload came from IndexedDB, not from this page's memory.
import { createBackup } from '../../../src/backup/create-backup.js';
import { exportKey } from '../../../src/backup/export-key.js';
import { bytesToHex } from '../../../src/encoding/hex.js';
import { isDataFoldError } from '../../../src/errors/datafold-error.js';
import { createMemoryReplayStore } from '../../../src/http-signatures/replay-store.js';
import { createSignedFetch, signRequest } from '../../../src/http-signatures/sign-request.js';
import { verifyRequest } from '../../../src/http-signatures/verify-request.js';
import { createDataFoldKeyResolver } from '../../../src/middleware/key-resolver.js';
import { createServerIntegration } from '../../../src/server-client/server-integration.js';
import {
  createNonExtractableKeyStore,
  CRYPTOKEYS_STORE,
  isNonExtractableKeySupported,
} from '../../../src/storage/non-extractable/index.js';

const DB = 'non-extractable-test-keys';

type Result = { ok: true; value: unknown } | { ok: false; code: string; message: string };

async function wrap(work: () => Promise<unknown>): Promise<Result> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (isDataFoldError(error)) return { ok: false, code: error.code, message: error.message };
    return { ok: false, code: 'UNCODED', message: String(error) };
  }
}

/** The outcome of a promise that should reject: the DOMException's name or the SDK's code. */
async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'accepted';
  } catch (error) {
    // A DOMException has a numeric `code` of its own: its name is what says why.
    return isDataFoldError(error) ? error.code : (error as Error).name;
  }
}

const store = () => createNonExtractableKeyStore({ dbName: DB });

const steps = {
  support: () => isNonExtractableKeySupported(),

  async generate({ keyId }: { keyId: string }) {
    const key = await (await store()).generate(keyId, { metadata: { name: 'Browser key' } });
    return {
      publicKey: bytesToHex(key.publicKey),
      publicKeyBase64: key.publicKeyBase64,
      extractable: key.privateKey.extractable,
    };
  },

  async generateAgain({ keyId }: { keyId: string }) {
    return (await store()).generate(keyId);
  },

  /** What the stored CryptoKey is, and what WebCrypto lets script do with it. */
  async inspect({ keyId }: { keyId: string }) {
    const key = await (await store()).get(keyId);
    const k = key.privateKey;
    return {
      publicKey: bytesToHex(key.publicKey),
      type: k.type,
      algorithm: k.algorithm.name,
      extractable: k.extractable,
      usages: [...k.usages],
      isCryptoKey: k instanceof CryptoKey,
      exportPkcs8: await refusal(crypto.subtle.exportKey('pkcs8', k)),
      exportJwk: await refusal(crypto.subtle.exportKey('jwk', k)),
      exportRaw: await refusal(crypto.subtle.exportKey('raw', k)),
      // Wrapping is exporting under another key: refused just the same.
      wrap: await refusal(
        crypto.subtle
          .generateKey({ name: 'AES-KW', length: 256 }, false, ['wrapKey'])
          .then((kek) => crypto.subtle.wrapKey('pkcs8', k, kek, 'AES-KW')),
      ),
    };
  },

  /** The stored record as any script of the origin can read it: no member holds key bytes. */
  async rawRecord({ keyId }: { keyId: string }) {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(DB);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('open failed'));
    });
    const record = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const req = db.transaction(CRYPTOKEYS_STORE).objectStore(CRYPTOKEYS_STORE).get(keyId);
      req.onsuccess = () => resolve(req.result as Record<string, unknown>);
      req.onerror = () => reject(req.error ?? new Error('read failed'));
    });
    const version = db.version;
    const stores = Array.from({ length: db.objectStoreNames.length }, (_, i) =>
      db.objectStoreNames.item(i),
    );
    db.close();
    return {
      version,
      stores,
      members: Object.fromEntries(
        Object.entries(record).map(([name, value]) => [
          name,
          value instanceof CryptoKey ? 'CryptoKey' : typeof value,
        ]),
      ),
      format: record.format,
      recordVersion: record.version,
    };
  },

  async list() {
    return (await (await store()).list()).map((k) => ({
      ...k,
      publicKey: bytesToHex(k.publicKey),
    }));
  },

  /** A POST signed with the stored key, verified locally under its public key. */
  async signAndVerify({ keyId, clientId }: { keyId: string; clientId: string }) {
    const key = await (await store()).get(keyId);
    // A replay store refuses signatures made before it started (it cannot know their nonces).
    const replayStore = createMemoryReplayStore({ now: () => 0 });
    const signed = await signRequest(
      new Request(`${location.origin}/orders`, {
        method: 'POST',
        body: '{"item":"book"}',
        headers: { 'content-type': 'application/json' },
      }),
      { clientId, cryptoKey: key.privateKey },
    );
    const verified = await verifyRequest(signed, {
      resolveKey: () => Promise.resolve({ status: 'active', publicKey: key.publicKey }),
      replayStore,
    });
    return {
      clientId: verified.clientId,
      signatureInput: signed.headers.get('signature-input'),
      contentDigest: signed.headers.get('content-digest'),
    };
  },

  /** Every way to get the key's bytes out through the SDK, each refused with its code. */
  async refuseBackups({ keyId }: { keyId: string }) {
    const s = await store();
    const key = await s.get(keyId);
    const passphrase = 'correct horse battery staple';
    return {
      retrieveKeyPair: await refusal(s.retrieveKeyPair(keyId)),
      exportKey: await refusal(exportKey(s as never, keyId, passphrase)),
      createBackup: await refusal(createBackup(key as never, passphrase, { keyId })),
      missing: await refusal(s.retrieveKeyPair('no-such-key')),
    };
  },

  /**
   * Registers the stored key with a real datafold-server (proof signed inside WebCrypto), then
   * sends a signed request whose verifier takes the key from that server's status route.
   */
  async register({
    baseUrl,
    keyId,
    clientId,
  }: {
    baseUrl: string;
    keyId: string;
    clientId: string;
  }) {
    const key = await (await store()).get(keyId);
    const registration = await createServerIntegration({ baseUrl }).registerKeyPair(key, {
      clientId,
      keyName: 'Non-extractable browser key',
    });
    const replayStore = createMemoryReplayStore({ now: () => 0 });
    let seen: Request | undefined;
    const signedFetch = createSignedFetch({
      clientId,
      cryptoKey: key.privateKey,
      // What the browser's fetch builds from what it is handed.
      fetch: (input, init) => {
        seen = new Request(input, init);
        return Promise.resolve(new Response('ok'));
      },
    });
    // A body given as a string: signed from the string, not read back from a Request.
    await signedFetch(`${location.origin}/api/profile`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"bio":"non-extractable"}',
    });
    const resolveKey = createDataFoldKeyResolver({ serverUrl: baseUrl });
    const verified = await verifyRequest(seen!, { resolveKey, replayStore });
    // A relative URL resolves against the page's base URL, as the browser's fetch resolves it.
    await signedFetch('api/profile?tab=bio', { method: 'PATCH', body: '{"bio":"relative"}' });
    const relative = await verifyRequest(seen!, { resolveKey, replayStore });
    return {
      registration,
      verifiedClientId: verified.clientId,
      relativeUrl: seen!.url,
      relativeClientId: relative.clientId,
    };
  },

  /**
   * Writes a record whose private key is extractable straight into the database, as script of the
   * origin could, and reads it through the store.
   */
  async forge({ keyId }: { keyId: string }) {
    (await store()).close();
    const pair = await crypto.subtle.generateKey('Ed25519', true, ['sign', 'verify']);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(DB);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('open failed'));
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(CRYPTOKEYS_STORE, 'readwrite');
      tx.objectStore(CRYPTOKEYS_STORE).put({
        format: 'datafold-idb-cryptokey',
        version: 1,
        key_id: keyId,
        algorithm: 'Ed25519',
        public_key: btoa(String.fromCharCode(...new Uint8Array(32))),
        private_key: pair.privateKey,
        created: new Date().toISOString(),
      });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('write failed'));
    });
    db.close();
    try {
      await (await store()).get(keyId);
      return 'accepted';
    } catch (error) {
      return isDataFoldError(error) ? { code: error.code, details: error.details } : String(error);
    }
  },

  async remove({ keyId }: { keyId: string }) {
    const s = await store();
    return {
      deleted: await s.delete(keyId),
      again: await s.delete(keyId),
      has: await s.has(keyId),
    };
  },
};

Object.assign(globalThis, {
  keys: Object.fromEntries(
    Object.entries(steps).map(([name, step]) => [
      name,
      (args: never) => wrap(() => (step as (a: never) => Promise<unknown>)(args)),
    ]),
  ),
  keysReady: true,
});
