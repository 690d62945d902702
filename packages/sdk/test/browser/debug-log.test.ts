// The document's browser switch for debug logging, in Chromium: localStorage 'datafold-debug'
// set to 'true' (then a reload, as with any such switch) makes the SDK log to the console's
// debug level; without it the SDK is silent. Secrets never appear.
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPageSite, type PageSite } from './support/page-site.js';

let site: PageSite;

beforeAll(async () => {
  site = await openPageSite(
    fileURLToPath(new URL('./page/debug-log-page.ts', import.meta.url)),
    'debug log',
  );
});

afterAll(() => site?.close());

async function consoleDuringStore(page: Page): Promise<Array<{ type: string; args: unknown[] }>> {
  const seen: Array<{ type: string; args: unknown[] }> = [];
  const pending: Promise<void>[] = [];
  page.on('console', (message) => {
    pending.push(
      Promise.all(message.args().map((a) => a.jsonValue() as Promise<unknown>)).then((args) => {
        seen.push({ type: message.type(), args });
      }),
    );
  });
  await page.waitForFunction(() => 'debugPageReady' in globalThis);
  await page.evaluate(() =>
    (globalThis as unknown as { storeAKey: () => Promise<void> }).storeAKey(),
  );
  await Promise.all(pending);
  return seen.filter((m) => String(m.args[0]).startsWith('[datafold]'));
}

describe('the datafold-debug localStorage switch in Chromium', () => {
  it('is silent without the switch and logs with it', async () => {
    const context = await site.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(site.url);
      expect(await consoleDuringStore(page)).toEqual([]);

      // The document's line, in the page, then a reload.
      await page.evaluate(() => localStorage.setItem('datafold-debug', 'true'));
      await page.reload();
      const lines = await consoleDuringStore(page);
      expect(lines.map((l) => [l.type, l.args[0]])).toEqual([
        ['debug', '[datafold] storage.version-written'],
      ]);
      expect(lines[0]!.args[1]).toMatchObject({ store: 'memory', keyId: 'app', version: 1 });
      expect(JSON.stringify(lines)).not.toContain('correct horse battery staple');
    } finally {
      await context.close();
    }
  });
});
