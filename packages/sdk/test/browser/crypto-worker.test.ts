// CryptoWorker in Chromium: a module Web Worker (crypto-worker-entry.js beside the page, where
// its default URL points) runs key generation, signing and Argon2id while the page keeps running.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPageSite, type PageSite } from './support/page-site.js';

let site: PageSite;

beforeAll(async () => {
  site = await openPageSite(
    fileURLToPath(new URL('./page/crypto-worker-page.ts', import.meta.url)),
    'crypto worker',
    (directory) =>
      build({
        entryPoints: [
          fileURLToPath(new URL('../../src/workers/crypto-worker-entry.ts', import.meta.url)),
        ],
        bundle: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        outfile: join(directory, 'crypto-worker-entry.js'),
        logLevel: 'error',
      }).then(() => undefined),
  );
});

afterAll(() => site?.close());

describe('CryptoWorker in Chromium', () => {
  it('generates, signs and derives in a Web Worker, with the main entry results', async () => {
    const page = await site.browser.newPage();
    await page.goto(site.url);
    await page.waitForFunction(() => 'cryptoWorkerReady' in globalThis);
    const result = await page.evaluate(() =>
      (
        globalThis as unknown as { runCryptoWorker: () => Promise<Record<string, unknown>> }
      ).runCryptoWorker(),
    );
    expect(result).toMatchObject({
      offMainThread: true,
      afterTerminate: false,
      generatedLength: 32,
      sameSignature: true,
      sameKey: true,
      errorCode: 'Ed25519KeyError:INVALID_PRIVATE_KEY',
    });
    // The page's timers fired while Argon2id ran: the main thread was free.
    expect(result.ticksDuringArgon2id).toBeGreaterThan(0);
  });
});
