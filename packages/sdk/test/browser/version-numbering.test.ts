// IndexedDB version numbering in Debian's Chromium: a deleted version's number is never given to
// another key (spec/key-file-v1.md §2, §9), also when the pointer record predates `highest`.
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openPageSite, type PageSite } from './support/page-site.js';

type Result<T> = { ok: true; value: T } | { ok: false; code: string; message: string };
interface Outcome {
  added: number[];
  current: number;
  versions: number[];
  again: number;
}

let site: PageSite;
let browser: Browser;

beforeAll(async () => {
  site = await openPageSite(
    fileURLToPath(new URL('./page/version-numbering-page.ts', import.meta.url)),
    'version numbering',
  );
  browser = site.browser;
});

afterAll(() => site?.close());

async function run(page: Page, args: Record<string, unknown>): Promise<Outcome> {
  const result = (await page.evaluate(
    (a) =>
      (
        globalThis as unknown as {
          numbering: Record<string, (x: unknown) => Promise<unknown>>;
        }
      ).numbering.deleteTopThenAdd!(a),
    args,
  )) as Result<Outcome>;
  if (!result.ok) throw new Error(`deleteTopThenAdd failed: ${result.code} ${result.message}`);
  return result.value;
}

describe('IndexedDB version numbering', () => {
  for (const oldPointer of [false, true]) {
    it(`never reuses a deleted version's number${oldPointer ? ' (pointer without highest)' : ''}`, async () => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(site.url);
        await page.waitForFunction(() => 'numberingReady' in globalThis);
        const outcome = await run(page, { db: `numbering-${String(oldPointer)}`, oldPointer });
        expect(outcome).toEqual({
          added: [1, 2, 3, 4, 5, 6],
          current: 2,
          versions: [1, 2, 4, 6],
          again: 1,
        });
      } finally {
        await context.close();
      }
    });
  }
});
