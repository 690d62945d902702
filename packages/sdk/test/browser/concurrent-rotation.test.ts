// Concurrent rotations of one IndexedDB key in Debian's Chromium (spec/key-rotation-v1.md §2,
// §4): the store's conditional write is checked inside its readwrite transaction, so rotations
// from one page (Promise.all) or from two tabs of the origin each keep their version, versions
// stay consecutive, every derived version is the derivation of the number it is stored as, and
// the current version's history holds every rotation.
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openPageSite, type PageSite } from './support/page-site.js';

type Result<T> = { ok: true; value: T } | { ok: false; code: string; message: string };
type Pairs = Array<[number, number]>;
interface Inspection {
  versions: number[];
  current: number[];
  mismatched: number[];
  distinctPublicKeys: number;
  history: Array<[number, number | null, string, number | undefined]>;
}

const KEY_ID = 'app';
const MASTER_HEX = '5a'.repeat(32);

let site: PageSite;
let browser: Browser;

beforeAll(async () => {
  site = await openPageSite(
    fileURLToPath(new URL('./page/concurrent-rotation-page.ts', import.meta.url)),
    'concurrent rotation',
  );
  browser = site.browser;
});

afterAll(() => site?.close());

async function openPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(site.url);
  await page.waitForFunction(() => 'rotationReady' in globalThis);
  return page;
}

async function call<T>(page: Page, name: string, args: Record<string, unknown>): Promise<T> {
  const result = (await page.evaluate(
    ([n, a]) =>
      (globalThis as unknown as { rotation: Record<string, (x: unknown) => Promise<unknown>> })
        .rotation[n]!(a),
    [name, args] as const,
  )) as Result<T>;
  if (!result.ok) throw new Error(`${name} failed: ${result.code} ${result.message}`);
  return result.value;
}

/** What every concurrent run must leave: rotations 2..n+1, each from its predecessor. */
function expectConsistent(pairs: Pairs, seen: Inspection, method: string): void {
  const total = pairs.length + 1;
  const numbers = Array.from({ length: total }, (_, i) => i + 1);
  expect(pairs.map(([, v]) => v).sort((a, b) => a - b)).toEqual(numbers.slice(1));
  for (const [previous, version] of pairs) expect(previous).toBe(version - 1);
  expect(seen.versions).toEqual(numbers);
  expect(seen.current).toEqual([total]);
  expect(seen.mismatched).toEqual([]);
  // Two rotations from one seed to one number would have stored one key twice.
  expect(seen.distinctPublicKeys).toBe(total);
  expect(seen.history).toEqual([
    [1, null, 'initial', undefined],
    ...numbers
      .slice(1)
      .map((v) => [v, v - 1, method, method === 'regenerate' ? undefined : v] as const),
  ]);
}

describe('concurrent rotations of an IndexedDB key in Chromium', () => {
  for (const method of ['derive', 'rederive', 'regenerate'] as const) {
    for (const separateStores of [false, true]) {
      const how = separateStores ? 'a store each' : 'one store';
      it(`${method}: Promise.all in one page, ${how}`, async () => {
        const context = await browser.newContext();
        try {
          const page = await openPage(context);
          const db = `concurrent-${method}-${String(separateStores)}`;
          const args = {
            db,
            keyId: KEY_ID,
            method,
            ...(method === 'rederive' ? { masterHex: MASTER_HEX } : {}),
          };
          await call(page, 'setup', { db, keyId: KEY_ID, seedByte: 9 });
          const pairs = await call<Pairs>(page, 'rotate', { ...args, count: 4, separateStores });
          expectConsistent(pairs, await call<Inspection>(page, 'inspect', args), method);
        } finally {
          await context.close();
        }
      });
    }
  }

  it('derive: two tabs of the origin rotating at once', async () => {
    const context = await browser.newContext();
    try {
      const [first, second] = [await openPage(context), await openPage(context)];
      const db = 'concurrent-tabs';
      const args = { db, keyId: KEY_ID, method: 'derive', separateStores: true, count: 3 };
      await call(first, 'setup', { db, keyId: KEY_ID, seedByte: 7 });
      const [a, b] = await Promise.all([
        call<Pairs>(first, 'rotate', args),
        call<Pairs>(second, 'rotate', args),
      ]);
      expectConsistent([...a, ...b], await call<Inspection>(second, 'inspect', args), 'derive');
    } finally {
      await context.close();
    }
  });

  it('a conditional write with a stale expectation writes nothing (STORAGE_LOCKED, conflict)', async () => {
    const context = await browser.newContext();
    try {
      const page = await openPage(context);
      const db = 'conditional';
      await call(page, 'setup', { db, keyId: KEY_ID, seedByte: 5 });
      expect(await call(page, 'conditional', { db, keyId: KEY_ID })).toEqual({
        written: 2,
        outcomes: ['conflict', 'conflict'],
        versions: [1, 2],
      });
    } finally {
      await context.close();
    }
  });
});
