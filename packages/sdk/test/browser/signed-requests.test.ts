import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPageSite, type PageSite } from './support/page-site.js';

interface SignVectors {
  key: { client_id: string; private_key_hex: string };
  cases: Array<
    { name: string; expected: Record<string, string | undefined> } & Record<string, unknown>
  >;
}
const vectors = JSON.parse(
  readFileSync(new URL('../../../../vectors/http-signatures/sign.json', import.meta.url), 'utf8'),
) as SignVectors;

let site: PageSite;
let page: Page;

beforeAll(async () => {
  site = await openPageSite(
    fileURLToPath(new URL('./page/signed-requests-page.ts', import.meta.url)),
    'signed requests',
  );
  page = await site.browser.newPage();
  await page.goto(site.url);
  await page.waitForFunction(() => 'roundTrip' in globalThis);
});

afterAll(() => site?.close());

describe('signed requests in Chromium (spec/http-message-signatures-v1.md)', () => {
  it('signs the sign.json vectors byte for byte', async () => {
    const got = await page.evaluate(
      ([key, cases]) =>
        (
          globalThis as unknown as { signVectors: (k: unknown, c: unknown) => Promise<unknown> }
        ).signVectors(key, cases),
      [vectors.key, vectors.cases] as const,
    );
    for (const c of vectors.cases) {
      expect((got as Record<string, unknown>)[c.name], c.name).toEqual({
        'signature-input': c.expected['signature_input'],
        signature: c.expected['signature'],
        ...(c.expected['content_digest'] === undefined
          ? {}
          : { 'content-digest': c.expected['content_digest'] }),
      });
    }
  });

  it('round-trips a Fetch Request signed with a seed and with a non-extractable CryptoKey', async () => {
    const result = await page.evaluate(() =>
      (globalThis as unknown as { roundTrip: () => Promise<unknown> }).roundTrip(),
    );
    expect(result).toEqual({
      bySeed: 'browser-seed',
      body: '{"item":"book"}',
      byCryptoKey: 'browser-cryptokey',
      replay: 'REQUEST_SIGNATURE_REPLAYED',
    });
  });
});
