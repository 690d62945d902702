// The browser SDK end to end in Debian's Chromium against a real datafold-server on 127.0.0.1:
// keys generated in the page, kept in IndexedDB across a reload, registered with proof of
// possession, rotated (the server follows), revoked; plus wrong passphrases, a page closed
// mid-rotation, the browser's own quota, no IndexedDB, and retries through a failing proxy.
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startDatafoldServer, type DatafoldServer } from '@datafold/test-support';
import { startFlakyProxy } from '../server-client/support/flaky-proxy.js';
import { openPageSite, type PageSite } from './support/page-site.js';
import { pageSteps, type StepResult } from './support/page-steps.js';

let site: PageSite;
let server: DatafoldServer;
let origin: string;

beforeAll(async () => {
  site = await openPageSite(
    fileURLToPath(new URL('./page/storage-flow-page.ts', import.meta.url)),
    'storage flow',
  );
  origin = new URL(site.url).origin;
  // The page's origin is the only one the server lets through CORS.
  server = await startDatafoldServer({ corsOrigins: [origin] });
});

afterAll(async () => {
  await server?.stop();
  await site?.close();
});

async function openPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(site.url);
  await page.waitForFunction(() => 'flowReady' in globalThis);
  return page;
}

const { step, value } = pageSteps('flow');

describe('the browser SDK in Chromium against datafold-server', () => {
  it('generate → IndexedDB → reload → retrieve → register → sign → verify → rotate → revoke', async () => {
    const context = await site.browser.newContext();
    const page = await openPage(context);
    const baseUrl = server.url;
    const clientId = `browser-${Date.now()}`;
    expect(await value(page, 'support')).toMatchObject({ supported: true, reasons: [] });
    const publicKey = await value<string>(page, 'create', { keyId: 'app' });

    await page.reload();
    await page.waitForFunction(() => 'flowReady' in globalThis);
    expect(await value(page, 'retrieve', { keyId: 'app' })).toBe(publicKey);
    const [listed] = await value<Array<Record<string, unknown>>>(page, 'list');
    expect(listed).toMatchObject({
      keyId: 'app',
      publicKey,
      version: 1,
      metadata: { name: 'Browser key', description: 'made in Chromium', tags: ['flow'] },
    });
    expect(listed!.lastAccessed).toMatch(/Z$/);
    expect(listed!.created).toMatch(/Z$/);

    const registration = await value<Record<string, unknown>>(page, 'register', {
      baseUrl,
      keyId: 'app',
      clientId,
    });
    expect(registration).toMatchObject({
      clientId,
      publicKey,
      status: 'active',
      keyName: 'Browser key',
    });

    const first = await value<{ signature: string; verification: Record<string, unknown> }>(
      page,
      'signAndVerify',
      {
        baseUrl,
        keyId: 'app',
        clientId,
        message: 'signed by version 1',
      },
    );
    expect(first.verification).toMatchObject({ verified: true, clientId, publicKey });

    const rotated = await value<{
      newVersion: number;
      publicKey: string;
      server: Record<string, unknown>;
    }>(page, 'rotate', { baseUrl, keyId: 'app', clientId });
    expect(rotated.newVersion).toBe(2);
    expect(rotated.server).toMatchObject({
      clientId,
      status: 'active',
      publicKey: rotated.publicKey,
      previousPublicKey: publicKey,
      previousRegistrationId: registration.registrationId,
    });
    expect(await value(page, 'versions', { keyId: 'app' })).toEqual([
      { version: 1, current: false, publicKey, reason: 'created' },
      { version: 2, current: true, publicKey: rotated.publicKey, reason: 'scheduled_rotation' },
    ]);

    // The old signature still verifies locally against version 1; the server now wants the new key.
    expect(
      await value(page, 'verifyLocally', {
        keyId: 'app',
        message: 'signed by version 1',
        signature: first.signature,
      }),
    ).toEqual({
      version: 1,
      byVersion1: true,
    });
    expect(
      await step(page, 'verifyOnServer', {
        baseUrl,
        clientId,
        message: 'signed by version 1',
        signature: first.signature,
      }),
    ).toMatchObject({
      // The server's 401 SIGNATURE_VERIFICATION_FAILED, as the client reports it: a result.
      ok: true,
      value: { verified: false, error: { code: 'SIGNATURE_VERIFICATION_FAILED' } },
    });
    const second = await value<{ signature: string; verification: Record<string, unknown> }>(
      page,
      'signAndVerify',
      {
        baseUrl,
        keyId: 'app',
        clientId,
        message: 'signed by version 2',
      },
    );
    expect(second.verification).toMatchObject({ verified: true, publicKey: rotated.publicKey });

    expect(await value(page, 'revoke', { baseUrl, keyId: 'app', clientId })).toMatchObject({
      clientId,
      status: 'revoked',
    });
    expect(
      await step(page, 'verifyOnServer', {
        baseUrl,
        clientId,
        message: 'signed by version 2',
        signature: second.signature,
      }),
    ).toMatchObject({ ok: false, code: 'KEY_NOT_ACTIVE', httpStatus: 403 });
    await context.close();
  });

  it('a wrong passphrase is DECRYPTION_FAILED and leaves the record untouched', async () => {
    const context = await site.browser.newContext();
    const page = await openPage(context);
    const publicKey = await value<string>(page, 'create', { keyId: 'guarded' });
    const before = await value(page, 'list');
    expect(
      await step(page, 'retrieve', { keyId: 'guarded', passphrase: 'not the passphrase' }),
    ).toMatchObject({
      ok: false,
      code: 'DECRYPTION_FAILED',
    });
    expect(await value(page, 'list')).toEqual(before);
    expect(await value(page, 'retrieve', { keyId: 'guarded' })).toBe(publicKey);
    expect(await step(page, 'retrieve', { keyId: 'missing' })).toMatchObject({
      ok: false,
      code: 'KEY_NOT_FOUND',
    });
    const backup = await value<{ publicKey: string; refused: StepResult }>(
      page,
      'backupRoundTrip',
      {
        keyId: 'guarded',
        copyId: 'guarded-copy',
      },
    );
    expect(backup.publicKey).toBe(publicKey);
    expect(backup.refused).toMatchObject({ ok: false, code: 'KEY_ALREADY_EXISTS' });
    expect(await value(page, 'retrieve', { keyId: 'guarded-copy' })).toBe(publicKey);
    await context.close();
  });

  it('a page closed mid-rotation leaves the old or the new version current, never neither', async () => {
    const context = await site.browser.newContext();
    const outcomes = new Set<number>();
    let page = await openPage(context);
    await value(page, 'create', { keyId: 'crash' });
    for (const delayMs of [0, 150, 300, 450, 600, 750, 900, 1200]) {
      const before = await value<Array<{ version: number }>>(page, 'versions', { keyId: 'crash' });
      await value(page, 'startRotation', { keyId: 'crash' });
      await new Promise((r) => setTimeout(r, delayMs));
      await page.close();
      page = await openPage(context);
      const after = await value<Array<{ version: number; current: boolean; publicKey: string }>>(
        page,
        'versions',
        {
          keyId: 'crash',
        },
      );
      const current = after.filter((v) => v.current);
      expect(current).toHaveLength(1);
      const previous = Math.max(...before.map((v) => v.version));
      expect([previous, previous + 1]).toContain(current[0]!.version);
      outcomes.add(current[0]!.version - previous);
      expect(await value(page, 'retrieve', { keyId: 'crash' })).toBe(current[0]!.publicKey);
    }
    // On our machines the short delays end with the old version current and the long ones with
    // the new; which one a delay gives is not guaranteed, so only the invariant is asserted.
    expect(outcomes.size).toBeGreaterThanOrEqual(1);
    await context.close();
  });

  it("maps the browser's own quota limit to STORAGE_QUOTA_EXCEEDED and keeps nothing", async () => {
    const context = await site.browser.newContext();
    const page = await openPage(context);
    // Chromium applies an origin's quota override to IndexedDB opened after it: set it first.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 512 * 1024 });
    const publicKey = await value<string>(page, 'create', { keyId: 'small' });
    const before = await value(page, 'list');
    const result = await step(page, 'storeLarge', { keyId: 'big', bytes: 2 * 1024 * 1024 });
    expect(result).toMatchObject({ ok: false, code: 'STORAGE_QUOTA_EXCEEDED' });
    expect(await value(page, 'list')).toEqual(before);
    expect(await value(page, 'retrieve', { keyId: 'small' })).toBe(publicKey);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await context.close();
  });

  it('without IndexedDB: isStorageSupported says why, INDEXEDDB_NOT_SUPPORTED offers memory', async () => {
    const context = await site.browser.newContext();
    await context.addInitScript(() => {
      Object.defineProperty(globalThis, 'indexedDB', { value: undefined, configurable: true });
    });
    const page = await openPage(context);
    const result = await value<{
      support: { supported: boolean; reasons: string[] };
      refused: StepResult;
      fallbackKind: string;
    }>(page, 'noIndexedDB');
    expect(result.support).toMatchObject({
      supported: false,
      reasons: ['IndexedDB not available'],
    });
    expect(result.refused).toMatchObject({ ok: false, code: 'INDEXEDDB_NOT_SUPPORTED' });
    expect(result.fallbackKind).toBe('memory');
    await context.close();
  });

  it('retries 503 and 429 (Retry-After) from the page, through CORS, then registers', async () => {
    const proxy = await startFlakyProxy(server.url, [
      { status: 503 },
      { status: 429, retryAfter: '1' },
    ]);
    try {
      const context = await site.browser.newContext();
      const page = await openPage(context);
      const { registration, events } = await value<{
        registration: Record<string, unknown>;
        events: Array<{ attempt: number; code: string; httpStatus?: number; delayMs: number }>;
      }>(page, 'retries', { baseUrl: proxy.url, clientId: `retry-${Date.now()}` });
      expect(registration).toMatchObject({ status: 'active' });
      expect(events.map((e) => [e.attempt, e.code, e.httpStatus])).toEqual([
        [1, 'SERVICE_UNAVAILABLE', 503],
        [2, 'RATE_LIMITED', 429],
      ]);
      expect(events[1]!.delayMs).toBeGreaterThanOrEqual(1000);
      expect(proxy.seen.filter((s) => s.startsWith('POST'))).toHaveLength(3);
      await context.close();
    } finally {
      await proxy.close();
    }
  });
});
