// Navigation is state: every view has an address, Back and Forward show what the address names,
// a dialog does not outlive its view, and a deep link survives sign-in. Also the tokens view,
// times with their zone, copy buttons, the phone width and an axe-core check of every view.
import { join } from 'node:path';
import { createServerIntegration, generateKeyPair } from '@datafold/js-sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@datafold/test-support/chromium';
import { expectAccessible } from './support/axe.js';
import {
  SCREENSHOTS,
  startDashboardServer,
  type DashboardServer,
} from './support/dashboard-server.js';
import { openWatchedPage, type PageOptions } from './support/watched-page.js';

let server: DashboardServer;
let browser: Browser;
const problems: string[] = [];

const newPage = (options: PageOptions = {}): Promise<Page> =>
  openWatchedPage(browser, problems, options);

async function closePage(page: Page): Promise<void> {
  await page.context().close();
}

/** Signs in on the form the page shows now, by keyboard, and waits until it is gone. */
async function signInHere(page: Page, token: string): Promise<void> {
  await page.locator('#admin-token').waitFor();
  await page.locator('#admin-token').fill(token);
  await page.keyboard.press('Enter');
  await page.locator('#admin-token').waitFor({ state: 'detached' });
}

async function heading(page: Page): Promise<string> {
  return (await page.locator('main h1').first().textContent()) ?? '';
}

/** The address and the view agree: the view was drawn for the address now in the bar. */
async function expectViewAt(page: Page, hash: string, title: string): Promise<void> {
  await expect.poll(() => heading(page)).toBe(title);
  expect(new URL(page.url()).hash).toBe(hash);
  expect(await page.locator('main > .view').getAttribute('data-address')).toBe(hash);
  expect(await page.locator('main > .view').count()).toBe(1);
}

async function adminApi(
  method: 'GET' | 'POST',
  path: string,
  token = server.adminToken,
): Promise<{ status: number; data: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
    },
    body: method === 'POST' ? '{}' : null,
  });
  const body = (await res.json()) as { data: Record<string, unknown> };
  return { status: res.status, data: body.data };
}

async function clientStatuses(clientId: string): Promise<string[]> {
  const { data } = await adminApi('GET', `/api/admin/clients/${clientId}`);
  return (data.registrations as { status: string }[]).map((r) => r.status);
}

const shot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });

beforeAll(async () => {
  server = await startDashboardServer();
  browser = await launchChromium();
  const sdk = createServerIntegration({ baseUrl: server.url, retries: 0 });
  for (const clientId of ['nav-alpha', 'nav-beta', 'nav-gamma']) {
    await sdk.registerKeyPair(await generateKeyPair(), { clientId, keyName: `${clientId} key` });
  }
  expect((await adminApi('POST', '/api/admin/registrations/nav-gamma/revoke')).status).toBe(200);
  // A refused change by an admin token: an audit entry with a failure outcome.
  const unknownToken = '00000000-0000-4000-8000-000000000000';
  expect((await adminApi('POST', `/api/admin/tokens/${unknownToken}/revoke`)).status).toBe(404);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('navigation is state', () => {
  it('a deep link to a client, a filtered list or an audit page survives the sign-in form', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/#/clients/nav-alpha`);
    await expect.poll(() => heading(page)).toBe('Keys: sign in');
    await expectAccessible(page, 'sign-in form');
    await shot(page, 'nav-deep-link-sign-in');
    await signInHere(page, server.adminToken);
    await expectViewAt(page, '#/clients/nav-alpha', 'nav-alpha');
    await page.locator('.facts .badge').waitFor();

    // A reload forgets the token; the filtered list is back after signing in again.
    await page.goto(`${server.url}/#/keys?status=revoked`);
    await page.reload();
    await signInHere(page, server.auditorToken);
    await expectViewAt(page, '#/keys?status=revoked', 'Keys');
    expect(await page.getByLabel('Status').inputValue()).toBe('revoked');
    await closePage(page);
  });

  it('a sign-in link opened in a tab showing a deep link returns to it, without the token', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/#/audit?action=revoke`);
    await expect.poll(() => heading(page)).toBe('Audit log: sign in');
    // The first-start link pasted into this tab's address bar: only the fragment changes.
    await page.evaluate((token) => (window.location.hash = `#token=${token}`), server.adminToken);
    await expect.poll(() => page.textContent('#session-state')).toContain('Signed in (admin)');
    await expectViewAt(page, '#/audit?action=revoke', 'Audit log');
    expect(page.url()).not.toContain(server.adminToken);
    expect(await page.getByLabel('Action').inputValue()).toBe('revoke');
    await closePage(page);
  });

  it('Back with the revoke dialog open closes it and cancels the revocation', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/#/keys`);
    await signInHere(page, server.adminToken);
    await expectViewAt(page, '#/keys', 'Keys');
    await page.getByRole('link', { name: 'nav-alpha' }).first().click();
    await expectViewAt(page, '#/clients/nav-alpha', 'nav-alpha');
    await page.getByRole('button', { name: 'Revoke key…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expectAccessible(page, 'revoke dialog');
    await shot(page, 'nav-revoke-dialog', false);
    const confirm = await dialog.getByRole('button', { name: 'Revoke nav-alpha' }).elementHandle();

    await page.goBack();
    await expectViewAt(page, '#/keys', 'Keys');
    expect(await page.locator('dialog').count()).toBe(0);
    // The sequence: confirm after Back. The button the reader saw is gone with its view;
    // pressing it anyway revokes nothing and draws nothing.
    await confirm.evaluate((button) => (button as HTMLElement).click());
    await page.locator('table.rows tbody tr').first().waitFor();
    await expectViewAt(page, '#/keys', 'Keys');
    expect(await clientStatuses('nav-alpha')).toEqual(['active']);

    // Forward: the client again, still active, and its dialog works as before.
    await page.goForward();
    await expectViewAt(page, '#/clients/nav-alpha', 'nav-alpha');
    await expect.poll(() => page.locator('.facts .badge').textContent()).toBe('active');
    await page.getByRole('button', { name: 'Revoke key…' }).click();
    await page.keyboard.press('Escape');
    await page.locator('dialog').waitFor({ state: 'detached' });
    expect(await clientStatuses('nav-alpha')).toEqual(['active']);
    await closePage(page);
  });

  it('Back and Forward walk keys → client → audit → tokens, each view under its own address', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/#/keys`);
    await signInHere(page, server.adminToken);
    await expectViewAt(page, '#/keys', 'Keys');
    await page.getByRole('link', { name: 'nav-beta' }).first().click();
    await expectViewAt(page, '#/clients/nav-beta', 'nav-beta');
    await page.getByRole('link', { name: 'Audit', exact: true }).click();
    await expectViewAt(page, '#/audit', 'Audit log');
    await page.getByLabel('Action').selectOption('register');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expectViewAt(page, '#/audit?action=register', 'Audit log');
    await page.getByRole('link', { name: 'Tokens', exact: true }).click();
    await expectViewAt(page, '#/tokens', 'Tokens');
    expect(await page.getAttribute('nav a[data-view="tokens"]', 'aria-current')).toBe('page');

    const walk: Array<[string, string]> = [
      ['#/audit?action=register', 'Audit log'],
      ['#/audit', 'Audit log'],
      ['#/clients/nav-beta', 'nav-beta'],
      ['#/keys', 'Keys'],
    ];
    for (const [hash, title] of walk) {
      await page.goBack();
      await expectViewAt(page, hash, title);
    }
    expect(await page.getAttribute('nav a[data-view="keys"]', 'aria-current')).toBe('page');
    for (const [hash, title] of [...walk.reverse().slice(1), ['#/tokens', 'Tokens']]) {
      await page.goForward();
      await expectViewAt(page, hash!, title!);
    }
    // The filter came back with its address.
    await page.goBack();
    await expectViewAt(page, '#/audit?action=register', 'Audit log');
    expect(await page.getByLabel('Action').inputValue()).toBe('register');

    await page.goto(`${server.url}/#/nowhere`);
    await expect.poll(() => heading(page)).toBe('No such page');
    await expectAccessible(page, 'unknown address');
    await closePage(page);
  });
});

describe('times, badges and copy buttons', () => {
  it('shows times in the viewer’s zone with the zone named, on one line in the audit table', async () => {
    const berlin = await newPage({ timezoneId: 'Europe/Berlin' });
    await berlin.goto(`${server.url}/#/audit`);
    await signInHere(berlin, server.adminToken);
    await berlin.locator('table.audit tbody tr').first().waitFor();
    const times = berlin.locator('table.audit td[data-label="Time"] time');
    const first = (await times.first().textContent()) ?? '';
    expect(first).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (CET|CEST)$/);
    // The instant stays exact in the markup, in UTC.
    const datetime = (await times.first().getAttribute('datetime')) ?? '';
    expect(new Date(datetime).getTime()).not.toBeNaN();
    // One line per time at 1280 px: as tall as one line of its cell's text.
    const lines = await times.evaluateAll((elements) =>
      elements.map((element) => {
        const lineHeight = parseFloat(getComputedStyle(element.parentElement!).lineHeight);
        return element.getBoundingClientRect().height / lineHeight;
      }),
    );
    expect(lines.every((n) => n < 1.5)).toBe(true);
    await shot(berlin, 'nav-audit-berlin');

    // A refused change: a failure badge with its code, not the neutral one.
    const failure = berlin.locator('table.audit .outcome-failure').first();
    expect(await failure.textContent()).toBe('failure TOKEN_NOT_FOUND');
    expect(await berlin.locator('table.audit .outcome-success').count()).toBeGreaterThan(0);
    await expectAccessible(berlin, 'audit view');
    await closePage(berlin);

    const kolkata = await newPage({ timezoneId: 'Asia/Kolkata' });
    await kolkata.goto(`${server.url}/#/keys`);
    await signInHere(kolkata, server.adminToken);
    await kolkata.locator('table.rows tbody tr').first().waitFor();
    expect(await kolkata.locator('table.rows time').first().textContent()).toMatch(/ UTC\+05:30$/);
    await closePage(kolkata);
  });

  it('copies client ids, public keys and hashes, and says so to screen readers', async () => {
    const page = await newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: server.url,
    });
    await page.goto(`${server.url}/#/clients/nav-beta`);
    await signInHere(page, server.adminToken);
    await expectViewAt(page, '#/clients/nav-beta', 'nav-beta');
    const copyId = page.locator('.facts').getByRole('button', { name: 'Copy client id nav-beta' });
    await copyId.click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('nav-beta');
    await expect.poll(() => page.textContent('#announcer')).toBe('Copied');
    // The visible word changes with the name screen readers get.
    expect(
      await page
        .locator('.facts')
        .getByRole('button', { name: 'Copied client id nav-beta' })
        .count(),
    ).toBe(1);

    const publicKey = (await page.locator('.facts .copyable code.wrap').textContent()) ?? '';
    expect(publicKey).toMatch(/^[0-9a-f]{64}$/);
    await page.getByRole('button', { name: /^Copy public key / }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(publicKey);
    await expectAccessible(page, 'client view');
    await shot(page, 'nav-client-copied');
    await closePage(page);

    // Without the Clipboard API (a plain-HTTP origin), the fallback copies the same text.
    const plain = await newPage();
    await plain.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
      document.addEventListener('copy', (event) => {
        const area = event.target as HTMLTextAreaElement;
        (window as unknown as { copied: string }).copied = area.value.slice(
          area.selectionStart,
          area.selectionEnd,
        );
      });
    });
    await plain.goto(`${server.url}/#/audit?client=nav-beta`);
    await signInHere(plain, server.adminToken);
    await plain.locator('table.audit tbody tr').first().waitFor();
    await plain.getByRole('button', { name: 'Copy client id nav-beta' }).first().click();
    await expect
      .poll(() => plain.evaluate(() => (window as unknown as { copied?: string }).copied))
      .toBe('nav-beta');
    await expect.poll(() => plain.textContent('#announcer')).toBe('Copied');
    await closePage(plain);
  });
});

describe('tokens view', () => {
  it('lets an admin create a token shown once, and revoke it after a confirmation', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/#/tokens`);
    await signInHere(page, server.adminToken);
    await expectViewAt(page, '#/tokens', 'Tokens');
    const rows = page.locator('table.tokens tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.locator('table.tokens').textContent()).toContain('(this session)');
    await expectAccessible(page, 'tokens view (admin)');
    await shot(page, 'nav-tokens-admin');

    await page.getByLabel('Label').fill('on-call laptop');
    await page.getByLabel('Role').selectOption('auditor');
    await page.getByLabel('Expires after').selectOption('7d');
    await page.getByRole('button', { name: 'Create token' }).click();
    const created = page.locator('section.created');
    await created.waitFor();
    expect(await created.textContent()).toContain('You will not see it again');
    const secret = (await created.locator('code').textContent()) ?? '';
    expect(secret).toMatch(/^dfk_[A-Za-z0-9_-]{43}$/);
    expect(await created.getByRole('button', { name: /^Copy new token/ }).count()).toBe(1);
    await expect.poll(() => rows.count()).toBe(3);
    const row = page.locator('table.tokens tbody tr', { hasText: 'on-call laptop' });
    expect(await row.locator('td[data-label="Role"]').textContent()).toBe('auditor');
    expect(await row.locator('.badge').textContent()).toBe('active');
    await expectAccessible(page, 'tokens view, token just created');
    await shot(page, 'nav-tokens-created');
    // The token works, with the role chosen.
    const session = await adminApi('GET', '/api/admin/session', secret);
    expect(session.data.role).toBe('auditor');

    await row.getByRole('button', { name: 'Revoke token on-call laptop' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').textContent()).toBe('Revoke token on-call laptop?');
    await dialog.getByRole('button', { name: 'Revoke on-call laptop' }).click();
    await expect.poll(() => row.locator('.badge').textContent()).toBe('revoked');
    expect(await page.locator('.notice').textContent()).toBe('Token on-call laptop revoked.');
    expect((await adminApi('GET', '/api/admin/session', secret)).status).toBe(401);

    // Shown once: leaving the view and coming back does not bring the token back.
    await page.getByRole('link', { name: 'Keys', exact: true }).click();
    await expectViewAt(page, '#/keys', 'Keys');
    await page.goBack();
    await expectViewAt(page, '#/tokens', 'Tokens');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await page.locator('main').textContent()).not.toContain(secret);
    await closePage(page);
  });

  it('shows an auditor the list without create or revoke controls', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/#/tokens`);
    await signInHere(page, server.auditorToken);
    await expectViewAt(page, '#/tokens', 'Tokens');
    await expect.poll(() => page.locator('table.tokens tbody tr').count()).toBe(3);
    expect(await page.getByRole('heading', { name: 'Create a token' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Revoke/ }).count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain(
      'Creating and revoking tokens needs an admin token',
    );
    await expectAccessible(page, 'tokens view (auditor)');
    await shot(page, 'nav-tokens-auditor');
    // Not only hidden: the server refuses an auditor's change.
    expect((await adminApi('POST', '/api/admin/tokens', server.auditorToken)).status).toBe(403);
    await closePage(page);
  });
});

describe('every view at 390 px and under axe-core', () => {
  it('keeps every view inside a phone screen, accessible in the dark scheme too', async () => {
    const page = await newPage({ width: 390, height: 844 });
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.goto(`${server.url}/#/keys`);
    await signInHere(page, server.adminToken);
    const views: Array<[string, string, string]> = [
      ['#/keys', 'Keys', 'table.rows tbody tr'],
      ['#/clients/nav-beta', 'nav-beta', '.facts .badge'],
      ['#/audit', 'Audit log', 'table.audit tbody tr'],
      ['#/tokens', 'Tokens', 'table.tokens tbody tr'],
      ['#/try', 'Try it', 'form[data-step="1"]'],
    ];
    for (const [hash, title, ready] of views) {
      await page.goto(`${server.url}/${hash}`);
      await expect.poll(() => heading(page)).toBe(title);
      await page.locator(ready).first().waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await expectAccessible(page, `${title} at 390 px`);
      await shot(page, `nav-phone-${hash.replace(/[#/]+/g, '-').replace(/^-|-$/g, '')}`);
      // The same view in the dark scheme: contrast is checked again.
      await page.emulateMedia({ colorScheme: 'dark' });
      await expectAccessible(page, `${title} at 390 px, dark`);
      await page.emulateMedia({ colorScheme: 'light' });
    }
    await closePage(page);
  });

  it('says plainly why Try it cannot run on a non-secure page, without mentioning Node.js', async () => {
    const page = await newPage();
    // What a plain-HTTP address (not localhost) gives a page: no secure context, no crypto.subtle.
    await page.addInitScript(() => {
      Object.defineProperty(window, 'isSecureContext', { get: () => false });
      Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined });
    });
    await page.goto(`${server.url}/#/try`);
    await expect.poll(() => heading(page)).toBe('Try it');
    expect(await page.locator('main [role="alert"]').first().textContent()).toContain(
      'opened over plain HTTP',
    );
    await page.getByLabel('Passphrase').fill('correct horse battery');
    const step = page.locator('form[data-step="1"]');
    await step.getByRole('button').click();
    const error = step.locator('.output .error');
    await error.waitFor();
    const words = (await error.textContent()) ?? '';
    expect(words).toContain('HTTPS');
    expect(words).not.toContain('Node');
    await expectAccessible(page, 'try-it on a non-secure page');
    await shot(page, 'nav-try-it-not-secure');
    await closePage(page);
  });

  it('logged no CSP violation or page error', () => {
    // Chromium logs the 401 of the revoked token's check and 4xx answers shown in words.
    const expected = /^Failed to load resource: the server responded with a status of 40[134] /;
    expect(problems.filter((p) => !expected.test(p))).toEqual([]);
  });
});
