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

async function run<T = Outcome>(
  page: Page,
  args: Record<string, unknown>,
  step = 'deleteTopThenAdd',
): Promise<T> {
  const result = (await page.evaluate(
    ([s, a]) =>
      (
        globalThis as unknown as {
          numbering: Record<string, (x: unknown) => Promise<unknown>>;
        }
      ).numbering[s]!(a),
    [step, args] as const,
  )) as Result<T>;
  if (!result.ok) throw new Error(`${step} failed: ${result.code} ${result.message}`);
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

  // spec/key-rotation-v1.md §4: the rotation targets the store's next number, so it neither
  // conflicts until it gives up nor binds a derived seed to a number the store will not assign.
  for (const method of ['regenerate', 'derive']) {
    it(`rotates (${method}) after the top version was made non-current and deleted`, async () => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(site.url);
        await page.waitForFunction(() => 'numberingReady' in globalThis);
        const outcome = await run(
          page,
          { db: `rotate-${method}`, method },
          'rotateAfterDeletedTop',
        );
        expect(outcome).toEqual({
          next: 4,
          previousVersion: 2,
          newVersion: 4,
          derivationVersion: method === 'derive' ? 4 : null,
          versions: [
            [1, false],
            [2, false],
            [4, true],
          ],
        });
      } finally {
        await context.close();
      }
    });
  }
});
