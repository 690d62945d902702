import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPageSite, type PageSite } from './support/page-site.js';

let site: PageSite;
let browser: Browser;

beforeAll(async () => {
  site = await openPageSite(
    fileURLToPath(new URL('./page/smoke-page.ts', import.meta.url)),
    'smoke',
  );
  browser = site.browser;
});

afterAll(() => site?.close());

describe('SDK core in Chromium', () => {
  it('bundles with no Node polyfills and finds every core feature in a secure context', async () => {
    const page = await browser.newPage();
    await page.goto(site.url);
    await page.waitForFunction(() => 'runSmoke' in globalThis);
    const result = await page.evaluate(() =>
      (globalThis as unknown as { runSmoke: () => unknown }).runSmoke(),
    );
    expect(result).toMatchObject({
      compatibility: {
        webCrypto: true,
        secureRandom: true,
        indexedDB: true,
        workers: true,
        secureContext: true,
        missing: [],
        warnings: [],
      },
      hex: '0001feff',
      base64: 'AAH+/w==',
    });
  });
});
