// One fingerprint everywhere (spec/key-fingerprint-v1.md): the keys list, the client page and the
// audit entries show the text of the shared vectors (the text `ssh-keygen -l` prints), on a page
// without WebCrypto, as on an origin that is not secure, where `crypto.subtle` is missing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServerIntegration, hexToBytes, keyPairFromSeed } from '@datafold/js-sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@datafold/test-support/chromium';
import {
  SCREENSHOTS,
  startDashboardServer,
  type DashboardServer,
} from './support/dashboard-server.js';
import { openWatchedPage } from './support/watched-page.js';

interface FingerprintCase {
  name: string;
  public_key_hex: string;
  fingerprint: string;
  short_fingerprint: string;
}
const vectors = JSON.parse(
  readFileSync(
    new URL('../../../../vectors/fingerprint/key-fingerprint-v1.json', import.meta.url),
    'utf8',
  ),
) as { cases: FingerprintCase[] };
const vector = (name: string) => vectors.cases.find((c) => c.name === name)!;
// RFC 8032 §7.1 seeds of TEST 1 (registered first) and TEST 2 (rotated to).
const FIRST = {
  seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
  ...vector('RFC 8032 TEST 1'),
};
const SECOND = {
  seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
  ...vector('RFC 8032 TEST 2'),
};

let server: DashboardServer;
let browser: Browser;
const problems: string[] = [];

/** A page whose scripts see no WebCrypto, as on a plain-http origin other than localhost. */
async function pageWithoutWebCrypto(width = 1280): Promise<Page> {
  const page = await openWatchedPage(browser, problems, { width });
  await page.addInitScript(() => {
    Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined, configurable: true });
  });
  return page;
}

async function signIn(page: Page, token: string, hash: string): Promise<void> {
  await page.goto(`${server.url}/#/keys`);
  await page.locator('#admin-token').fill(token);
  await page.keyboard.press('Enter');
  await page.locator('table.rows tbody tr').first().waitFor();
  await page.goto(`${server.url}/${hash}`);
}

beforeAll(async () => {
  server = await startDashboardServer();
  browser = await launchChromium();
  const sdk = createServerIntegration({ baseUrl: server.url, retries: 0 });
  const first = await keyPairFromSeed(hexToBytes(FIRST.seed));
  await sdk.registerKeyPair(first, { clientId: 'fp-client', keyName: 'RFC 8032 keys' });
  await sdk.rotateRegistration({
    clientId: 'fp-client',
    currentKeyPair: first,
    newKeyPair: await keyPairFromSeed(hexToBytes(SECOND.seed)),
    reason: 'scheduled',
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('key fingerprints in the dashboard, without WebCrypto', () => {
  it('the keys list shows the short form, with the full fingerprint in its title', async () => {
    const page = await pageWithoutWebCrypto();
    await signIn(page, server.auditorToken, '#/keys?search=fp-client');
    await expect.poll(() => page.locator('table.rows tbody tr').count()).toBe(2);
    const cells = page.locator('table.rows td[data-label="Fingerprint"] code');
    expect((await cells.allTextContents()).sort()).toEqual(
      [FIRST.short_fingerprint, SECOND.short_fingerprint].sort(),
    );
    const titles: string[] = await cells.evaluateAll((codes) =>
      codes.map((c) => (c as HTMLElement).title),
    );
    for (const title of titles) {
      expect([FIRST.fingerprint, SECOND.fingerprint]).toContain(title.split('\n')[0]);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'fingerprint-keys.png'), fullPage: true });
    await page.close();
  });

  it('the client page shows the full fingerprint, its history the short form, its audit entries the full ones', async () => {
    const page = await pageWithoutWebCrypto();
    await signIn(page, server.auditorToken, '#/clients/fp-client');
    await page.getByRole('heading', { name: 'Key history (2)' }).waitFor();
    expect(await page.locator('.facts code.fingerprint').textContent()).toBe(SECOND.fingerprint);
    const history = page.locator('table.rows').first().locator('td[data-label="Fingerprint"]');
    expect(await history.allTextContents()).toEqual([
      FIRST.short_fingerprint,
      SECOND.short_fingerprint,
    ]);
    const details = await page.locator('table.audit td[data-label="Details"]').allTextContents();
    const rotate = details.find((d) => d.includes('previous key'));
    expect(rotate).toContain(`previous key: ${FIRST.fingerprint}`);
    expect(rotate).toContain(`key: ${SECOND.fingerprint}`);
    expect(rotate).not.toContain(FIRST.public_key_hex.slice(0, 8));
    await page.screenshot({ path: join(SCREENSHOTS, 'fingerprint-client.png'), fullPage: true });
    await page.close();
  });

  it('a phone-width client page keeps the full fingerprint inside the screen', async () => {
    const page = await pageWithoutWebCrypto(360);
    await signIn(page, server.auditorToken, '#/clients/fp-client');
    await page.getByRole('heading', { name: 'Key history (2)' }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: join(SCREENSHOTS, 'fingerprint-client-phone.png'),
      fullPage: true,
    });
    await page.close();
  });

  it('left no errors in the pages', () => {
    expect(problems).toEqual([]);
  });
});
