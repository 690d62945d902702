import { join } from 'node:path';
import {
  createServerIntegration,
  generateKeyPair,
  sign,
  type ServerIntegration,
} from '@datafold/js-sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@datafold/test-support/chromium';
import {
  SCREENSHOTS,
  startDashboardServer,
  type DashboardServer,
} from './support/dashboard-server.js';
import { expectAccessible } from './support/axe.js';
import { openWatchedPage } from './support/watched-page.js';

let server: DashboardServer;
let browser: Browser;
let sdk: ServerIntegration;
let alpha: Awaited<ReturnType<typeof generateKeyPair>>;
const problems: string[] = [];

const newPage = (width = 1280, height = 900): Promise<Page> =>
  openWatchedPage(browser, problems, { width, height });

/** Signs in at `/`: the address with no view, which is the Overview. */
async function signIn(page: Page, target: DashboardServer, token: string): Promise<void> {
  await page.goto(`${target.url}/`);
  await expect.poll(() => page.locator('h1').textContent()).toBe('Overview: sign in');
  await page.locator('#admin-token').fill(token);
  await page.keyboard.press('Enter');
  await page.locator('.chart-grid').waitFor();
}

/** The totals row of a chart's table, as its screen-reader table gives it. */
function totals(page: Page, chart: string): Promise<string[]> {
  return page.locator(`#${chart} .chart-table tfoot td`).allTextContents();
}

/** Waits until the server reports `verified` verifications: each instance writes every few seconds. */
async function untilCounted(target: DashboardServer, token: string, verified: number) {
  let seen = -1;
  for (let attempt = 0; attempt < 60; attempt += 1) {
    const res = await fetch(`${target.url}/api/admin/activity?window=1h`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { data: { totals: { verification: { ok: number } } } };
    seen = body.data.totals.verification.ok;
    if (seen === verified) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server counted ${seen} verifications, not ${verified}`);
}

const verify = (clientId: string, privateKey: Uint8Array, message = 'hello') =>
  sign(message, privateKey).then((signature) =>
    sdk.verifySignature({ clientId, message, signature }),
  );

beforeAll(async () => {
  server = await startDashboardServer();
  browser = await launchChromium();
  // Real activity through the SDK, as clients make it.
  sdk = createServerIntegration({ baseUrl: server.url, retries: 0 });
  alpha = await generateKeyPair();
  const beta = await generateKeyPair();
  const gamma = await generateKeyPair();
  await sdk.registerKeyPair(alpha, { clientId: 'acme-alpha' });
  await sdk.registerKeyPair(beta, { clientId: 'acme-beta' });
  await sdk.registerKeyPair(gamma, { clientId: 'acme-gamma' });
  // Refused: the client id is taken.
  await expect(
    sdk.registerKeyPair(await generateKeyPair(), { clientId: 'acme-alpha' }),
  ).rejects.toThrow();
  for (let i = 0; i < 4; i += 1)
    expect((await verify('acme-alpha', alpha.privateKey)).verified).toBe(true);
  // Failed: signed with another client's key.
  for (let i = 0; i < 3; i += 1)
    expect((await verify('acme-alpha', beta.privateKey)).verified).toBe(false);
  expect((await verify('acme-beta', gamma.privateKey)).verified).toBe(false);
  await sdk.rotateRegistration({
    clientId: 'acme-gamma',
    currentKeyPair: gamma,
    newKeyPair: await generateKeyPair(),
    reason: 'scheduled',
  });
  await sdk.revokeRegistration({ clientId: 'acme-beta', keyPair: beta, reason: 'retired' });
  await untilCounted(server, server.auditorToken, 4);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('overview in Chromium', () => {
  it('is the first page after sign-in and shows exactly what the database holds', async () => {
    const page = await newPage();
    await signIn(page, server, server.adminToken);
    expect(await page.title()).toBe('Overview · DataFold Keys');
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Overview');
    expect(await totals(page, 'chart-verifications')).toEqual(['4', '4']);
    expect(await totals(page, 'chart-registrations')).toEqual(['3', '1']);
    expect(await totals(page, 'chart-rotations')).toEqual(['1', '0']);
    expect(await totals(page, 'chart-revocations')).toEqual(['1', '0']);
    // Each chart is an image named by its caption, which says its totals in words.
    expect(
      await page.locator('#chart-verifications svg[role="img"]').getAttribute('aria-labelledby'),
    ).toBe('chart-verifications-caption');
    expect(await page.locator('#chart-verifications-caption').textContent()).toContain(
      'Verified 4, Failed 4',
    );
    // The default window is 24 hours, bars of 15 minutes.
    expect(await page.locator('#chart-verifications caption').textContent()).toContain(
      'per 15 minutes',
    );
    const top = page.locator('table.top-clients tbody tr');
    expect(await top.allTextContents()).toEqual(['acme-alpha4', 'acme-beta1']);
    expect(await page.locator('.key-counts .count').allTextContents()).toEqual(['2', '1', '1']);
    expect(await page.locator('.overview-side').textContent()).toContain('Intact');
    expect(await page.locator('#health-title + p').textContent()).toContain('Database up (sqlite)');
    await page.locator('#chart-verifications details summary').click();
    await expectAccessible(page, 'overview');
    await page.screenshot({ path: join(SCREENSHOTS, 'overview.png'), fullPage: true });

    // The top client links to its page.
    await top.first().getByRole('link', { name: 'acme-alpha' }).click();
    await page.getByRole('heading', { name: 'Key history (1)' }).waitFor();
    expect(page.url()).toContain('#/clients/acme-alpha');
    await page.close();
  });

  it('switches the window through the address, and Back returns to the previous one', async () => {
    const page = await newPage();
    await signIn(page, server, server.adminToken);
    await page.getByRole('link', { name: 'Last hour' }).click();
    await expect.poll(() => page.url()).toContain('#/overview?window=1h');
    await expect
      .poll(() => page.locator('#chart-verifications caption').textContent())
      .toContain('per minute');
    expect(await page.getByRole('link', { name: 'Last hour' }).getAttribute('aria-current')).toBe(
      'true',
    );
    expect(await totals(page, 'chart-verifications')).toEqual(['4', '4']);
    await page.getByRole('link', { name: 'Last 7 days' }).click();
    await expect
      .poll(() => page.locator('#chart-verifications caption').textContent())
      .toContain('per 2 hours');
    expect(page.url()).toContain('window=7d');
    expect(await totals(page, 'chart-verifications')).toEqual(['4', '4']);
    await page.goBack();
    await expect
      .poll(() => page.locator('#chart-verifications caption').textContent())
      .toContain('per minute');
    await page.close();
  });

  it('refreshes by itself while shown', async () => {
    const page = await newPage();
    await signIn(page, server, server.adminToken);
    expect(await totals(page, 'chart-verifications')).toEqual(['4', '4']);
    expect((await verify('acme-alpha', alpha.privateKey)).verified).toBe(true);
    await expect
      .poll(() => totals(page, 'chart-verifications'), { timeout: 45_000, interval: 500 })
      .toEqual(['5', '4']);
    await page.close();
  });

  it('stops reading while the tab is hidden and once the view is left', async () => {
    const page = await newPage();
    let reads = 0;
    page.on('request', (request) => {
      if (request.url().includes('/api/admin/activity')) reads += 1;
    });
    await signIn(page, server, server.adminToken);
    const setVisibility = (state: 'hidden' | 'visible') =>
      page.evaluate((value) => {
        Object.defineProperty(document, 'visibilityState', { value, configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }, state);
    const pause = () => new Promise((resolve) => setTimeout(resolve, 12_000));

    await setVisibility('hidden');
    const whileHidden = reads;
    await pause(); // longer than one refresh interval
    expect(reads).toBe(whileHidden);
    // Shown again: it reads at once, then keeps going.
    await setVisibility('visible');
    await expect.poll(() => reads).toBe(whileHidden + 1);

    await page.getByRole('link', { name: 'Keys' }).click();
    await page.getByRole('heading', { name: 'Keys' }).waitFor();
    const afterLeaving = reads;
    await pause();
    expect(reads).toBe(afterLeaving);
    await page.close();
  });

  it('shows the same to an auditor, in the dark scheme and at phone width', async () => {
    const page = await newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await signIn(page, server, server.auditorToken);
    expect(await page.locator('#session-state').textContent()).toContain('auditor');
    expect(await totals(page, 'chart-registrations')).toEqual(['3', '1']);
    expect(await page.locator('.key-counts .count').allTextContents()).toEqual(['2', '1', '1']);
    await expectAccessible(page, 'overview, dark');
    await page.screenshot({ path: join(SCREENSHOTS, 'overview-dark.png'), fullPage: true });
    await page.close();

    const phone = await newPage(390, 844);
    await signIn(phone, server, server.adminToken);
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(phone, 'overview at 390 px');
    await phone.screenshot({ path: join(SCREENSHOTS, 'overview-phone.png'), fullPage: true });
    await phone.close();
  });

  it('says plainly that nothing happened on a fresh server', async () => {
    const fresh = await startDashboardServer();
    try {
      const page = await newPage();
      await signIn(page, fresh, fresh.adminToken);
      expect(await page.locator('.empty-note').textContent()).toContain('Nothing happened');
      expect(await totals(page, 'chart-verifications')).toEqual(['0', '0']);
      expect(await page.locator('#chart-verifications caption').textContent()).toContain(
        'none in this window',
      );
      expect(await page.locator('.key-counts .count').allTextContents()).toEqual(['0', '0', '0']);
      expect(await page.locator('.overview-side').textContent()).toContain(
        'No failures in this window.',
      );
      await expectAccessible(page, 'overview, empty');
      await page.screenshot({ path: join(SCREENSHOTS, 'overview-empty.png'), fullPage: true });
      await page.close();
    } finally {
      await fresh.stop();
    }
  });

  it('logged no CSP violation or page error', () => {
    expect(problems).toEqual([]);
  });
});
