import { join } from 'node:path';
import { createServerIntegration, generateKeyPair } from '@datafold/js-sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@datafold/test-support/chromium';
import {
  SCREENSHOTS,
  startDashboardServer,
  type DashboardServer,
} from './support/dashboard-server.js';
import { openWatchedPage } from './support/watched-page.js';

let server: DashboardServer;
let browser: Browser;
const problems: string[] = [];

const newPage = (width = 1280, height = 900): Promise<Page> =>
  openWatchedPage(browser, problems, { width, height });

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(`${server.url}/#/keys`);
  // Keyboard only: the token field has focus, Enter submits.
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('admin-token');
  await page.keyboard.type(token);
  await page.keyboard.press('Enter');
}

beforeAll(async () => {
  server = await startDashboardServer();
  browser = await launchChromium();
  // Seed through the SDK as real clients would: one rotated client, one plain, and enough
  // auto-named ones to need a second page.
  const sdk = createServerIntegration({ baseUrl: server.url, retries: 0 });
  const billing = await generateKeyPair();
  await sdk.registerKeyPair(billing, { clientId: 'acme-billing', keyName: 'Billing key' });
  await sdk.rotateRegistration({
    clientId: 'acme-billing',
    currentKeyPair: billing,
    newKeyPair: await generateKeyPair(),
    reason: 'scheduled',
  });
  await sdk.registerKeyPair(await generateKeyPair(), {
    clientId: 'acme-reports',
    keyName: 'Reports',
  });
  for (let i = 0; i < 26; i += 1) {
    await sdk.registerKeyPair(await generateKeyPair(), { keyName: `batch ${i}` });
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('dashboard serving', () => {
  it('serves index.html revalidated and hashed assets immutable, under the dashboard CSP', async () => {
    const index = await fetch(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const csp = index.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await index.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${server.url}${script}`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    const again = await fetch(`${server.url}/`, {
      headers: { 'if-none-match': index.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
    const missing = await fetch(`${server.url}/assets/nope.js`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});

describe('admin flow in Chromium', () => {
  it('refuses a bad token in words and keeps the form', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/`);
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in.png'), fullPage: true });
    await signIn(page, 'dfk_not-a-real-token');
    const alert = page.locator('#login-error');
    await expect.poll(() => alert.textContent()).toContain('did not accept this token');
    expect(await page.getAttribute('#admin-token', 'aria-invalid')).toBe('true');
    expect(await page.locator('h1').textContent()).toBe('Keys: sign in');
    expect(await page.locator('body').textContent()).not.toContain('"success"');
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in-refused.png'), fullPage: true });
    await page.close();
  });

  it('signs in, finds a client, opens it, revokes it, and shows the audit entry and an intact chain', async () => {
    const page = await newPage();
    await signIn(page, server.adminToken);
    await page.locator('table.rows tbody tr').first().waitFor();
    expect(await page.locator('#session-state').textContent()).toContain('Signed in (admin)');
    expect(await page.locator('table.rows tbody tr').count()).toBe(25);
    await page.screenshot({ path: join(SCREENSHOTS, 'keys.png'), fullPage: true });

    // Cursor pagination: the rest on the next page.
    await page.getByRole('link', { name: 'Next page' }).click();
    // 28 clients, one with a rotated key: 29 registrations.
    await expect.poll(() => page.locator('table.rows tbody tr').count()).toBe(4);
    expect(page.url()).toContain('cursor=');

    // Search by key name, then by client id with a status filter.
    await page.getByLabel('Client id or key name').fill('Reports');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('table.rows tbody tr').count()).toBe(1);
    expect(await page.locator('table.rows tbody th').textContent()).toBe('acme-reports');
    await page.getByLabel('Client id or key name').fill('acme-bill');
    await page.getByLabel('Status').selectOption('active');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect
      .poll(() => page.locator('table.rows tbody th').allTextContents())
      .toEqual(['acme-billing']);
    await page.getByLabel('Status').selectOption('revoked');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('.summary').textContent()).toContain('No registration');

    // Open the client: two keys in its history (one rotation) and its audit entries.
    // The list shows registrations: the rotated client has two rows, one per key.
    await page.goto(`${server.url}/#/keys?search=acme-billing`);
    await expect.poll(() => page.locator('table.rows tbody tr').count()).toBe(2);
    await page.getByRole('link', { name: 'acme-billing' }).first().click();
    await page.getByRole('heading', { name: 'Key history (2)' }).waitFor();
    const history = page.locator('table.rows').first().locator('tbody tr');
    expect(await history.nth(0).locator('.badge').textContent()).toBe('superseded');
    expect(await history.nth(1).locator('.badge').textContent()).toBe('active');
    expect(await history.nth(0).textContent()).toContain('scheduled');
    const clientAudit = page.locator('table.audit tbody tr');
    expect(await clientAudit.locator('td[data-label="Action"]').allTextContents()).toEqual([
      'rotate',
      'register',
    ]);

    // Revoke: the confirmation names the client; Escape cancels and nothing changes.
    const revoke = page.getByRole('button', { name: 'Revoke key…' });
    await revoke.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').textContent()).toBe('Revoke the key of acme-billing?');
    await page.screenshot({ path: join(SCREENSHOTS, 'revoke-confirmation.png') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.locator('.facts .badge').textContent()).toBe('active');

    await revoke.click();
    await dialog.getByLabel('Reason (optional, kept in the audit log)').fill('laptop lost');
    await dialog.getByRole('button', { name: 'Revoke acme-billing' }).click();
    await expect.poll(() => page.locator('.facts .badge').textContent()).toBe('revoked');
    const newest = page.locator('table.audit tbody tr').first();
    expect(await newest.locator('td[data-label="Action"]').textContent()).toBe('revoke');
    expect(await newest.locator('td[data-label="Outcome"]').textContent()).toBe('success');
    expect(await newest.locator('td[data-label="Details"]').textContent()).toContain('laptop lost');
    expect(await page.getByRole('button', { name: 'Revoke key…' }).count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'client.png'), fullPage: true });

    // The audit view: chain intact, and the revocation first when filtered by action.
    await page.getByRole('link', { name: 'Audit', exact: true }).click();
    await page.getByRole('heading', { name: 'Audit chain intact' }).waitFor();
    // The two tokens made for the test, 28 registrations, 1 rotation, 1 revocation.
    expect(await page.locator('.chain-ok').textContent()).toContain('All 32 entries link');
    await page.screenshot({ path: join(SCREENSHOTS, 'audit.png'), fullPage: true });
    await page.getByLabel('Action').selectOption('revoke');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => page.locator('table.audit tbody tr').count()).toBe(1);
    expect(await page.locator('table.audit td[data-label="Client"] a').textContent()).toBe(
      'acme-billing',
    );
    await page.close();
  });

  it('lets an auditor read but not revoke', async () => {
    const page = await newPage();
    await signIn(page, server.auditorToken);
    await page.locator('table.rows tbody tr').first().waitFor();
    await page.goto(`${server.url}/#/clients/acme-reports`);
    await page.getByRole('heading', { name: 'Key history (1)' }).waitFor();
    expect(await page.getByRole('button', { name: 'Revoke key…' }).count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('Revoking needs an admin token');
    await page.goto(`${server.url}/#/clients/no-such-client`);
    await expect
      .poll(() => page.locator('main [role="alert"]').textContent())
      .toBe('No client with this id is registered on this server.');
    await page.close();
  });

  it('stays legible at phone width', async () => {
    const page = await newPage(375, 812);
    await signIn(page, server.adminToken);
    await page.locator('table.rows tbody tr').first().waitFor();
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'keys-phone.png') });
    await page.goto(`${server.url}/#/clients/acme-billing`);
    await page.getByRole('heading', { name: 'Key history (2)' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'client-phone.png'), fullPage: true });
    await page.goto(`${server.url}/#/audit`);
    await page.getByRole('heading', { name: 'Audit chain intact' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'audit-phone.png') });
    await page.close();
  });

  it('logged no CSP violation or page error', () => {
    // Chromium logs every 4xx answer (the refused token, the unknown client) as a failed load;
    // the page shows those in words. Nothing else may reach the console.
    const expected = /^Failed to load resource: the server responded with a status of 40[14] /;
    expect(problems.filter((p) => !expected.test(p))).toEqual([]);
  });
});
