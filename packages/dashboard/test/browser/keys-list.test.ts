import { join } from 'node:path';
import { createServerIntegration, generateKeyPair } from '@datafold/js-sdk';
import SqliteDatabase from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@datafold/test-support/chromium';
import {
  SCREENSHOTS,
  startDashboardServer,
  type DashboardServer,
} from './support/dashboard-server.js';
import { openWatchedPage } from './support/watched-page.js';

// The keys list's sort, age filters and rotation readings in Chromium against a real server.
// Keys are registered, used and rotated through the SDK; only what no route can produce is then
// written to the server's SQLite file: registration times in the past (the server stamps its own
// clock at registration) and a use of a superseded key later than its rotation (what an instance
// that had not yet seen the rotation would record).

const DAY_MS = 86_400_000;
let server: DashboardServer;
let browser: Browser;
const problems: string[] = [];

/** client id → days since registration. */
const AGES: Record<string, number> = {
  'old-build': 200,
  'old-archive': 120,
  'mid-reports': 40,
  'new-zeta': 0,
};

const newPage = (): Promise<Page> => openWatchedPage(browser, problems);

async function signIn(page: Page, hash: string): Promise<void> {
  await page.goto(`${server.url}/${hash}`);
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('admin-token');
  await page.keyboard.type(server.adminToken);
  await page.keyboard.press('Enter');
  await page.locator('table.rows tbody tr').first().waitFor();
}

/** The client ids of the rows shown, in order. */
const shownClients = (page: Page) =>
  page.locator('table.rows tbody th[scope="row"]').allTextContents();

async function expectClients(page: Page, clients: string[]): Promise<void> {
  await expect.poll(() => shownClients(page)).toEqual(clients);
}

const sortState = (page: Page, key: string) =>
  page.getAttribute(`th[data-sort-key="${key}"]`, 'aria-sort');

/** How many keys the database shows as used (last_used is written behind). */
async function usedCount(): Promise<number> {
  const res = await fetch(`${server.url}/api/admin/registrations?limit=50`, {
    headers: { authorization: `Bearer ${server.adminToken}` },
  });
  const body = (await res.json()) as { data: { items: { last_used: string | null }[] } };
  return body.data.items.filter((r) => r.last_used !== null).length;
}

beforeAll(async () => {
  server = await startDashboardServer();
  browser = await launchChromium();
  const sdk = createServerIntegration({ baseUrl: server.url, retries: 0 });
  const used = new Set(['mid-reports', 'new-zeta']);
  for (const [clientId, keyName] of [
    ['old-build', 'Build'],
    ['old-archive', 'Archive'],
    ['mid-reports', 'Reports'],
    ['new-zeta', 'Zeta'],
  ] as const) {
    const keyPair = await generateKeyPair();
    await sdk.registerKeyPair(keyPair, {
      clientId,
      keyName,
      // The client reports its rotation policy (spec/key-rotation-v1.md §6) in the metadata.
      ...(clientId === 'old-build' ? { metadata: { rotation_interval_days: 90 } } : {}),
    });
    if (used.has(clientId)) {
      const signed = await sdk.generateSignature('hello', keyPair.privateKey);
      await sdk.verifySignature({ clientId, message: 'hello', signature: signed.signature });
    }
  }
  const first = await generateKeyPair();
  await sdk.registerKeyPair(first, { clientId: 'rotated', keyName: 'Rotating' });
  await sdk.rotateRegistration({
    clientId: 'rotated',
    currentKeyPair: first,
    newKeyPair: await generateKeyPair(),
    reason: 'scheduled',
  });
  // Wait until both uses are in the database before back-dating around them.
  for (let tries = 0; (await usedCount()) < 2; tries += 1) {
    if (tries > 150) throw new Error('last_used was not written within 15 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const sqlite = new SqliteDatabase(join(server.dataDir, 'datafold.sqlite'));
  sqlite.pragma('busy_timeout = 5000');
  const setAge = sqlite.prepare(
    `update registrations set registered_at = ?, last_used = case when last_used is null then null else ? end
     where client_id = ?`,
  );
  for (const [clientId, days] of Object.entries(AGES)) {
    const at = new Date(Date.now() - days * DAY_MS).toISOString();
    setAge.run(at, new Date(Date.now() - days * DAY_MS + 60_000).toISOString(), clientId);
  }
  sqlite
    .prepare(
      `update registrations set last_used = strftime('%Y-%m-%dT%H:%M:%fZ', status_changed_at, '+1 second')
       where client_id = 'rotated' and status = 'superseded'`,
    )
    .run();
  sqlite.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('keys list in Chromium: sort, age filters, rotation', () => {
  it('lists newest first, sorts by a column by click and by keyboard, and shows age and rotation', async () => {
    const page = await newPage();
    await signIn(page, '#/keys');
    expect(await sortState(page, 'registered_at')).toBe('descending');
    // new-zeta was dated "now" after the rotation; the back-dated ones follow by age.
    await expectClients(page, [
      'new-zeta',
      'rotated',
      'rotated',
      'mid-reports',
      'old-archive',
      'old-build',
    ]);
    // Every column, badges and times included, fits a 1280 px screen without sideways scrolling.
    expect(
      await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
    ).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'keys-newest-first.png'), fullPage: true });

    await page.getByRole('button', { name: /^Client/ }).click();
    await expect.poll(() => page.url()).toContain('sort=client_id');
    await expectClients(page, [
      'mid-reports',
      'new-zeta',
      'old-archive',
      'old-build',
      'rotated',
      'rotated',
    ]);
    expect(await sortState(page, 'client_id')).toBe('ascending');
    expect(await sortState(page, 'registered_at')).toBe('none');

    // Keyboard: the header is a button; Enter sorts the other way.
    await page.getByRole('button', { name: /^Client/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain('sort=-client_id');
    await expectClients(page, [
      'rotated',
      'rotated',
      'old-build',
      'old-archive',
      'new-zeta',
      'mid-reports',
    ]);
    expect(await sortState(page, 'client_id')).toBe('descending');

    const build = page.locator('tr', { has: page.getByRole('link', { name: 'old-build' }) });
    expect(await build.locator('td[data-label="Age"]').textContent()).toBe('200 days');
    expect(await build.locator('td[data-label="Rotation"]').textContent()).toMatch(
      /^overdue since \d{4}-\d{2}-\d{2}$/,
    );
    const superseded = page.locator('tr', { hasText: 'superseded' });
    expect(await superseded.locator('td[data-label="Status"]').textContent()).toContain(
      'used after rotation',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'keys-sorted-by-client.png'), fullPage: true });

    // Last use, newest first: never-used keys come last, newest registration first.
    await page.getByRole('button', { name: /^Last used/ }).click();
    await expect.poll(() => page.url()).toContain('sort=-last_used');
    const byUse = await (async () => {
      await expect.poll(() => sortState(page, 'last_used')).toBe('descending');
      return shownClients(page);
    })();
    expect(byUse).toEqual([
      'new-zeta',
      'rotated',
      'mid-reports',
      'rotated',
      'old-archive',
      'old-build',
    ]);
    await page.close();
  });

  it('filters older-than and never-used, keeps them in the address, and Back restores the list', async () => {
    const page = await newPage();
    await signIn(page, '#/keys?sort=client_id');
    await expectClients(page, [
      'mid-reports',
      'new-zeta',
      'old-archive',
      'old-build',
      'rotated',
      'rotated',
    ]);

    await page.getByLabel('Older than (days)').fill('90');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.url()).toContain('older_than_days=90');
    expect(page.url()).toContain('sort=client_id');
    await expectClients(page, ['old-archive', 'old-build']);
    await page.screenshot({ path: join(SCREENSHOTS, 'keys-older-than-90.png'), fullPage: true });

    await page.getByLabel('Older than (days)').fill('');
    await page.getByLabel('Never used').check();
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.url()).toContain('never_used=true');
    // The superseded key was used (after its rotation); the new rotated key never was.
    await expectClients(page, ['old-archive', 'old-build', 'rotated']);
    await page.screenshot({ path: join(SCREENSHOTS, 'keys-never-used.png'), fullPage: true });

    await page.getByLabel('Never used').uncheck();
    await page.getByLabel('Rotation').selectOption('overdue');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.url()).toContain('rotation=overdue');
    await expectClients(page, ['old-build']);
    await page.screenshot({ path: join(SCREENSHOTS, 'keys-rotation-overdue.png'), fullPage: true });
    await page.goBack();
    await expectClients(page, ['old-archive', 'old-build', 'rotated']);

    await page.goBack();
    await expect.poll(() => page.url()).toContain('older_than_days=90');
    await expectClients(page, ['old-archive', 'old-build']);
    expect(await page.getByLabel('Older than (days)').inputValue()).toBe('90');
    expect(await page.getByLabel('Never used').isChecked()).toBe(false);
    expect(await sortState(page, 'client_id')).toBe('ascending');

    await page.goBack();
    await expectClients(page, [
      'mid-reports',
      'new-zeta',
      'old-archive',
      'old-build',
      'rotated',
      'rotated',
    ]);
    await page.goForward();
    await page.goForward();
    await expectClients(page, ['old-archive', 'old-build', 'rotated']);
    expect(await page.getByLabel('Rotation').inputValue()).toBe('');
    expect(await page.getByLabel('Never used').isChecked()).toBe(true);
    await page.close();
  });

  it('opens a deep link to a sorted, filtered list after sign-in', async () => {
    const page = await newPage();
    await signIn(page, '#/keys?sort=-registered_at&never_used=true&older_than_days=150');
    await expectClients(page, ['old-build']);
    expect(await sortState(page, 'registered_at')).toBe('descending');
    await page.screenshot({ path: join(SCREENSHOTS, 'keys-deep-link.png'), fullPage: true });
    await page.close();
  });

  it('logged no console errors', () => {
    expect(problems).toEqual([]);
  });
});
