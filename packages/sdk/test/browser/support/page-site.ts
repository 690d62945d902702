import { rm } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { launchChromium } from '@datafold/test-support/chromium';
import { bundlePage } from './page-bundle.js';
import { serveDirectory } from './static-server.js';

/** A bundled test page served on 127.0.0.1 and a Chromium to open it in. */
export interface PageSite {
  browser: Browser;
  url: string;
  close(): Promise<void>;
}

/**
 * Bundles `entry` (see bundlePage), serves it and starts Chromium; `prepare` may add files to
 * the page's directory first (a worker module beside page.js). `close` stops all three.
 *
 * @example
 * const site = await openPageSite(fileURLToPath(new URL('./page/x.ts', import.meta.url)), 'x');
 * const page = await site.browser.newPage();
 * await page.goto(site.url);
 * await site.close();
 */
export async function openPageSite(
  entry: string,
  title: string,
  prepare?: (directory: string) => Promise<void>,
): Promise<PageSite> {
  const directory = await bundlePage(entry, title);
  await prepare?.(directory);
  const server = await serveDirectory(directory);
  const browser = await launchChromium();
  return {
    browser,
    url: server.url,
    async close() {
      await browser.close();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
