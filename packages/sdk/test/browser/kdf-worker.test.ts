// KDF work off the page's main thread in Chromium: a backup at the default Argon2id cost runs in
// the module worker while the page's own timers keep firing, and errors keep their codes.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPageSite, type PageSite } from './support/page-site.js';

let site: PageSite;
let browser: Browser;

beforeAll(async () => {
  site = await openPageSite(
    fileURLToPath(new URL('./page/kdf-worker-page.ts', import.meta.url)),
    'kdf worker',
    // The worker module sits beside page.js, where createKdfWorker's default URL points.
    (directory) =>
      build({
        entryPoints: [
          fileURLToPath(new URL('../../src/workers/kdf-worker-entry.ts', import.meta.url)),
        ],
        bundle: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        outfile: join(directory, 'kdf-worker-entry.js'),
        logLevel: 'error',
      }).then(() => undefined),
  );
  browser = site.browser;
});

afterAll(() => site?.close());

describe('the KDF worker in Chromium', () => {
  it('runs Argon2id backups in a module worker while the page keeps running', async () => {
    const page = await browser.newPage();
    await page.goto(site.url);
    await page.waitForFunction(() => 'kdfReady' in globalThis);
    const result = await page.evaluate(() =>
      (
        globalThis as unknown as { runKdfWorker: () => Promise<Record<string, unknown>> }
      ).runKdfWorker(),
    );
    expect(result.offMainThread).toBe(true);
    expect(result.phases).toEqual(expect.arrayContaining(['queued', 'started', 'running', 'done']));
    // The page's timers fired while the KDF ran: the main thread was free.
    expect(result.ticksDuringCreate).toBeGreaterThan(0);
    expect(result.wrong).toBe('DECRYPTION_FAILED');
    expect(result.samePublicKey).toBe(true);
  });
});
