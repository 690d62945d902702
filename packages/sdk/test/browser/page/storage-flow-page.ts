// The page of storage-flow.test.ts: the SDK's browser faces (IndexedDB storage, rotation, the
// server client) exposed as `flow.<step>(args)`, each answering JSON: { ok, value } or the coded
// error { ok: false, code, httpStatus, message }. State lives in IndexedDB only, so a reload
// proves persistence.
import { exportKey } from '../../../src/backup/export-key.js';
import { importKey } from '../../../src/backup/import-key.js';
import { bytesToHex, hexToBytes } from '../../../src/encoding/hex.js';
import { isDataFoldError, ServerIntegrationError } from '../../../src/errors/datafold-error.js';
import { generateKeyPair } from '../../../src/keys/generate-key-pair.js';
import { KeyRotationManager } from '../../../src/rotation/key-rotation-manager.js';
import { createServerIntegration } from '../../../src/server-client/server-integration.js';
import type { RetryEvent } from '../../../src/server-client/types.js';
import { sign } from '../../../src/signatures/sign.js';
import { verify } from '../../../src/signatures/verify.js';
import { createStorage, isStorageSupported } from '../../../src/storage/create-storage.js';

const PASSPHRASE = 'correct horse battery staple';
const DB = 'flow-keys';
// The seed's floor keeps the suite quick; the default (600,000) is measured by the bench.
const ITERATIONS = 100_000;

type Result =
  { ok: true; value: unknown } | { ok: false; code: string; httpStatus?: number; message: string };

async function wrap(work: () => Promise<unknown>): Promise<Result> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (isDataFoldError(error)) {
      return {
        ok: false,
        code: error.code,
        ...(error instanceof ServerIntegrationError ? { httpStatus: error.httpStatus } : {}),
        message: error.message,
      };
    }
    return { ok: false, code: 'UNCODED', message: String(error) };
  }
}

const storage = () => createStorage({ dbName: DB, pbkdf2Iterations: ITERATIONS });
const manager = async () => new KeyRotationManager(await storage());

const steps = {
  support: () => Promise.resolve(isStorageSupported()),

  async create({ keyId }: { keyId: string }) {
    const keyPair = await generateKeyPair();
    await (
      await manager()
    ).createVersionedKeyPair(keyId, keyPair, PASSPHRASE, {
      name: 'Browser key',
      description: 'made in Chromium',
      tags: ['flow'],
    });
    return bytesToHex(keyPair.publicKey);
  },

  async retrieve({
    keyId,
    passphrase,
    version,
  }: {
    keyId: string;
    passphrase?: string;
    version?: number;
  }) {
    const s = await storage();
    const pair =
      version === undefined
        ? await s.retrieveKeyPair(keyId, passphrase ?? PASSPHRASE)
        : await s.retrieveKeyVersion(keyId, version, passphrase ?? PASSPHRASE);
    return bytesToHex(pair.publicKey);
  },

  async list() {
    return (await (await storage()).listKeys()).map((k) => ({
      ...k,
      publicKey: bytesToHex(k.publicKey),
    }));
  },

  async versions({ keyId }: { keyId: string }) {
    return (await (await manager()).listKeyVersions(keyId)).map((v) => ({
      version: v.version,
      current: v.current,
      publicKey: bytesToHex(v.publicKey),
      reason: v.rotation?.reason,
    }));
  },

  async register({
    baseUrl,
    keyId,
    clientId,
  }: {
    baseUrl: string;
    keyId: string;
    clientId: string;
  }) {
    const pair = await (await storage()).retrieveKeyPair(keyId, PASSPHRASE);
    return createServerIntegration({ baseUrl }).registerKeyPair(pair, {
      clientId,
      keyName: 'Browser key',
    });
  },

  async signAndVerify({
    baseUrl,
    keyId,
    clientId,
    message,
  }: {
    baseUrl: string;
    keyId: string;
    clientId: string;
    message: string;
  }) {
    const integration = createServerIntegration({ baseUrl });
    const pair = await (await storage()).retrieveKeyPair(keyId, PASSPHRASE);
    const { signature } = await integration.generateSignature(message, pair.privateKey);
    const verification = await integration.verifySignature({ clientId, message, signature });
    return { signature, verification };
  },

  async verifyOnServer({
    baseUrl,
    clientId,
    message,
    signature,
  }: {
    baseUrl: string;
    clientId: string;
    message: string;
    signature: string;
  }) {
    return createServerIntegration({ baseUrl }).verifySignature({ clientId, message, signature });
  },

  async rotate({ baseUrl, keyId, clientId }: { baseUrl: string; keyId: string; clientId: string }) {
    const m = await manager();
    const result = await m.rotateKey(keyId, PASSPHRASE, { reason: 'scheduled_rotation' });
    const previous = await m.getKeyVersion(keyId, result.previousVersion, PASSPHRASE);
    const server = await createServerIntegration({ baseUrl }).rotateRegistration({
      clientId,
      currentKeyPair: previous!.keyPair,
      newKeyPair: result.keyPair,
      reason: 'scheduled_rotation',
    });
    return { newVersion: result.newVersion, publicKey: bytesToHex(result.publicKey), server };
  },

  async verifyLocally({
    keyId,
    message,
    signature,
  }: {
    keyId: string;
    message: string;
    signature: string;
  }) {
    const m = await manager();
    const version = await m.findSigningVersion(keyId, message, hexToBytes(signature));
    const v1 = await m.getVersionInfo(keyId, 1);
    return { version, byVersion1: await verify(hexToBytes(signature), message, v1!.publicKey) };
  },

  async revoke({ baseUrl, keyId, clientId }: { baseUrl: string; keyId: string; clientId: string }) {
    const pair = await (await storage()).retrieveKeyPair(keyId, PASSPHRASE);
    return createServerIntegration({ baseUrl }).revokeRegistration({
      clientId,
      keyPair: pair,
      reason: 'done',
    });
  },

  /** Starts a rotation and does not wait: the test closes the page under it. */
  startRotation({ keyId }: { keyId: string }) {
    void manager().then((m) => m.rotateKey(keyId, PASSPHRASE, { reason: 'interrupted' }));
    return Promise.resolve(true);
  },

  async storeLarge({ keyId, bytes }: { keyId: string; bytes: number }) {
    const s = await storage();
    // Random, so the browser cannot compress it below the quota.
    const noise = new Uint8Array(bytes);
    for (let i = 0; i < bytes; i += 65536) crypto.getRandomValues(noise.subarray(i, i + 65536));
    await s.storeKeyPair(keyId, await generateKeyPair(), PASSPHRASE, { blob: bytesToHex(noise) });
    return true;
  },

  /** exportKey / importKey over IndexedDB (PBKDF2 backups keep the suite quick). */
  async backupRoundTrip({ keyId, copyId }: { keyId: string; copyId: string }) {
    const s = await storage();
    const { data } = await exportKey(s, keyId, PASSPHRASE, {
      includeMetadata: true,
      kdf: 'pbkdf2',
      kdfParams: { iterations: 100_000, hash: 'SHA-256' },
    });
    const first = await importKey(s, data, PASSPHRASE, { keyId: copyId });
    const refused = await wrap(() =>
      importKey(s, data, PASSPHRASE, { keyId: copyId, overwriteExisting: false }),
    );
    return { publicKey: bytesToHex(first.publicKey), refused };
  },

  async clear() {
    return (await storage()).clearAllKeys();
  },

  async noIndexedDB() {
    const support = isStorageSupported();
    const refused = await wrap(() => createStorage());
    const fallback = await createStorage({
      fallbackToMemory: true,
      kdfParams: { memory: 19456, iterations: 2 },
    });
    return { support, refused, fallbackKind: fallback.kind };
  },

  async retries({ baseUrl, clientId }: { baseUrl: string; clientId: string }) {
    const events: RetryEvent[] = [];
    const integration = createServerIntegration({
      baseUrl,
      retries: 3,
      retryDelayMs: 10,
      onRetry: (e) => events.push(e),
    });
    const registration = await integration.registerKeyPair(await generateKeyPair(), { clientId });
    return { registration, events };
  },

  async signLocal({ keyId, message }: { keyId: string; message: string }) {
    const pair = await (await storage()).retrieveKeyPair(keyId, PASSPHRASE);
    return bytesToHex(await sign(message, pair.privateKey));
  },
};

(globalThis as Record<string, unknown>).flow = Object.fromEntries(
  Object.entries(steps).map(([name, fn]) => [
    name,
    (args: never) => wrap(() => (fn as (a: never) => Promise<unknown>)(args)),
  ]),
);
(globalThis as Record<string, unknown>).flowReady = true;
