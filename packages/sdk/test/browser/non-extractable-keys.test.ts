// The non-extractable key store (spec/indexeddb-storage-v1.md §7) in Debian's Chromium against a
// real datafold-server: a key generated inside WebCrypto, kept in IndexedDB across a reload,
// never exportable, signing requests that verify, refusing every backup with KEY_NOT_EXTRACTABLE,
// and registered with a proof signed inside WebCrypto.
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startDatafoldServer, type DatafoldServer } from '@datafold/test-support';
import { openPageSite, type PageSite } from './support/page-site.js';
import { pageSteps } from './support/page-steps.js';

let site: PageSite;
let server: DatafoldServer;

beforeAll(async () => {
  site = await openPageSite(
    fileURLToPath(new URL('./page/non-extractable-keys-page.ts', import.meta.url)),
    'non-extractable keys',
  );
  // The page's origin is the only one the server lets through CORS; proofs are required.
  server = await startDatafoldServer({ corsOrigins: [new URL(site.url).origin] });
});

afterAll(async () => {
  await server?.stop();
  await site?.close();
});

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => 'keysReady' in globalThis);
}

const { step, value } = pageSteps('keys');

describe('non-extractable keys in Chromium', () => {
  it('generate → reload → the stored CryptoKey signs, cannot be exported, and registers with the server', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await page.goto(site.url);
    await ready(page);
    expect(await value(page, 'support')).toBe(true);

    const generated = await value<{
      publicKey: string;
      publicKeyBase64: string;
      extractable: boolean;
    }>(page, 'generate', { keyId: 'app' });
    expect(generated.extractable).toBe(false);
    expect(generated.publicKey).toMatch(/^[0-9a-f]{64}$/);
    expect(await step(page, 'generateAgain', { keyId: 'app' })).toMatchObject({
      ok: false,
      code: 'KEY_ALREADY_EXISTS',
    });

    // A reload drops everything the page held; what follows comes from IndexedDB.
    await page.reload();
    await ready(page);
    expect(await value(page, 'inspect', { keyId: 'app' })).toEqual({
      publicKey: generated.publicKey,
      type: 'private',
      algorithm: 'Ed25519',
      extractable: false,
      usages: ['sign'],
      isCryptoKey: true,
      exportPkcs8: 'InvalidAccessError',
      exportJwk: 'InvalidAccessError',
      exportRaw: 'InvalidAccessError',
      wrap: 'InvalidAccessError',
    });
    expect(await value(page, 'rawRecord', { keyId: 'app' })).toEqual({
      version: 1,
      stores: ['cryptokeys'],
      members: {
        format: 'string',
        version: 'number',
        key_id: 'string',
        algorithm: 'string',
        public_key: 'string',
        private_key: 'CryptoKey',
        created: 'string',
        metadata: 'object',
      },
      format: 'datafold-idb-cryptokey',
      recordVersion: 1,
    });
    const [listed] = await value<Array<Record<string, unknown>>>(page, 'list');
    expect(listed).toMatchObject({
      keyId: 'app',
      publicKey: generated.publicKey,
      publicKeyBase64: generated.publicKeyBase64,
      metadata: { name: 'Browser key' },
    });
    expect(listed).not.toHaveProperty('privateKey');

    const signed = await value<Record<string, string>>(page, 'signAndVerify', {
      keyId: 'app',
      clientId: 'browser-app',
    });
    expect(signed.clientId).toBe('browser-app');
    expect(signed.signatureInput).toMatch(/keyid="browser-app"/);
    expect(signed.contentDigest).toMatch(/^sha-256=:/);

    expect(await value(page, 'refuseBackups', { keyId: 'app' })).toEqual({
      retrieveKeyPair: 'KEY_NOT_EXTRACTABLE',
      exportKey: 'KEY_NOT_EXTRACTABLE',
      createBackup: 'KEY_NOT_EXTRACTABLE',
      missing: 'KEY_NOT_FOUND',
    });

    const clientId = `browser-${Date.now()}`;
    const registered = await value<{
      registration: Record<string, unknown>;
      verifiedClientId: string;
      relativeUrl: string;
      relativeClientId: string;
    }>(page, 'register', { baseUrl: server.url, keyId: 'app', clientId });
    expect(registered.registration).toMatchObject({
      clientId,
      publicKey: generated.publicKey,
      status: 'active',
      keyName: 'Non-extractable browser key',
    });
    expect(registered.verifiedClientId).toBe(clientId);
    // Signed as the page's fetch resolves a relative URL: against the page's own address.
    expect(registered.relativeUrl).toBe(new URL('api/profile?tab=bio', page.url()).href);
    expect(registered.relativeClientId).toBe(clientId);
    const status = (await (
      await fetch(`${server.url}/api/crypto/keys/status/${clientId}`)
    ).json()) as { data: Record<string, unknown> };
    expect(status.data).toMatchObject({ public_key: generated.publicKey, status: 'active' });

    expect(await value(page, 'remove', { keyId: 'app' })).toEqual({
      deleted: true,
      again: false,
      has: false,
    });
    expect(await step(page, 'inspect', { keyId: 'app' })).toMatchObject({
      ok: false,
      code: 'KEY_NOT_FOUND',
    });

    // A record holding a key that could be exported is not one this store wrote.
    expect(await value(page, 'forge', { keyId: 'forged' })).toEqual({
      code: 'STORAGE_CORRUPTED',
      details: { keyId: 'forged', member: 'private_key' },
    });
    await context.close();
  });
});
