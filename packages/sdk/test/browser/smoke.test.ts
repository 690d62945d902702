import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@datafold/test-support/chromium';
import { bundlePage } from './support/page-bundle.js';
import { serveDirectory, type StaticServer } from './support/static-server.js';

let browser: Browser;
let server: StaticServer;
let directory: string;

beforeAll(async () => {
  directory = await bundlePage(
    fileURLToPath(new URL('./page/smoke-page.ts', import.meta.url)),
    'smoke',
  );
  server = await serveDirectory(directory);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (directory) await rm(directory, { recursive: true, force: true });
});

describe('SDK core in Chromium', () => {
  it('bundles with no Node polyfills and finds every core feature in a secure context', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
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
