import { fileURLToPath } from 'node:url';

import { startDatafoldServer, type DatafoldServer } from '@datafold/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openPageSite, type PageSite } from './support/page-site.js';

// The document's JavaScript SDK Quick Start, verbatim (document/js-quick-start.js), as the page
// of a real Chromium: IndexedDB storage, storeKeyPair then createVersionedKeyPair with the same
// pair (adopted, not KEY_ALREADY_EXISTS), and registerAndVerifyWorkflow against a real
// datafold-server. The snippet calls http://localhost:9001; the page's requests there are
// forwarded to the server started for the test, which allows the page's origin by CORS.

const PLACEHOLDER = 'http://localhost:9001';

let site: PageSite;
let server: DatafoldServer;

beforeAll(async () => {
  site = await openPageSite(
    fileURLToPath(new URL('./document/js-quick-start.js', import.meta.url)),
    'JS Quick Start',
  );
  server = await startDatafoldServer({ corsOrigins: [new URL(site.url).origin] });
});

afterAll(async () => {
  await site?.close();
  await server?.stop();
});

describe("the document's JavaScript SDK Quick Start in Chromium", () => {
  it('runs to "Setup complete, signature verified: true"', async () => {
    const context = await site.browser.newContext();
    try {
      const page = await context.newPage();
      await page.route(`${PLACEHOLDER}/**`, async (route) => {
        const url = route.request().url().replace(PLACEHOLDER, server.url);
        await route.fulfill({ response: await route.fetch({ url }) });
      });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const done = page.waitForEvent('console', {
        predicate: (m) => m.text().startsWith('Setup complete'),
        timeout: 120_000,
      });
      await page.goto(site.url);
      const line = await Promise.race([
        done.then((m) => m.text()),
        page
          .waitForEvent('pageerror', { timeout: 120_000 })
          .then((e) => `page error: ${e.message}`),
      ]);
      expect(errors).toEqual([]);
      expect(line).toBe('Setup complete, signature verified: true');

      // What the snippet left behind: the key in IndexedDB as version 1 of a rotating key, and
      // the registration on the server.
      const stored = await page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open('datafold-keys');
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(new Error(String(open.error)));
        });
        const get = (store: string, key: IDBValidKey) =>
          new Promise<Record<string, unknown>>((resolve, reject) => {
            const req = db.transaction(store).objectStore(store).get(key);
            req.onsuccess = () => resolve(req.result as Record<string, unknown>);
            req.onerror = () => reject(new Error(String(req.error)));
          });
        const pointer = await get('keys', 'my-key');
        const record = await get('versions', ['my-key', 1]);
        db.close();
        return { current: pointer.current, metadata: record.metadata };
      });
      expect(stored).toMatchObject({
        current: 1,
        metadata: {
          name: 'My Application Key',
          rotation: { history: [{ version: 1, reason: 'adopted', method: 'initial' }] },
        },
      });
      const status = (await (
        await fetch(`${server.url}/api/crypto/keys/status/my_app_client`)
      ).json()) as { data: { status: string; key_name: string } };
      expect(status.data).toMatchObject({ status: 'active', key_name: 'Application Key' });
    } finally {
      await context.close();
    }
  });
});
