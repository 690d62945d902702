// Runs the shared vector suites (Ed25519 on both backends, KDFs, backup v1, key file v1, key
// fingerprints) inside Debian's Chromium and asserts every case from Node. The suites run once,
// before the tests are collected, so each case is its own test in the report.
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { VectorResult } from '../vectors/vector-result.js';
import { launchChromium } from '@datafold/test-support/chromium';
import { bundlePage } from './support/page-bundle.js';
import { serveDirectory } from './support/static-server.js';

const SUITES = ['ed25519', 'kdf', 'backup', 'fingerprint'] as const;

async function runInChromium(): Promise<Record<string, VectorResult[]>> {
  const directory = await bundlePage(
    fileURLToPath(new URL('./page/vector-page.ts', import.meta.url)),
    'vectors',
  );
  const server = await serveDirectory(directory);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    await page.waitForFunction(() => 'runVectorSuite' in globalThis);
    const results: Record<string, VectorResult[]> = {};
    for (const suite of SUITES) {
      results[suite] = await page.evaluate(
        (name) =>
          (
            globalThis as unknown as { runVectorSuite(s: string): Promise<VectorResult[]> }
          ).runVectorSuite(name),
        suite,
      );
    }
    if (pageErrors.length > 0) throw new Error(`errors in the page: ${pageErrors.join('; ')}`);
    return results;
  } finally {
    await browser.close();
    await server.close();
    await rm(directory, { recursive: true, force: true });
  }
}

const results = await runInChromium();

describe.each(SUITES)('%s vectors in Chromium', (suite) => {
  const cases = results[suite] ?? [];

  it('ran cases', () => {
    expect(cases.length).toBeGreaterThan(5);
  });

  it.each(cases.map((c) => [`${c.suite}: ${c.name}`, c] as const))('%s', (_label, result) => {
    expect(result.detail ?? '').toBe('');
    expect(result.ok).toBe(true);
  });
});

describe('backends in Chromium', () => {
  it('ran the Ed25519 suite on native WebCrypto and on noble', () => {
    const suites = new Set((results.ed25519 ?? []).map((r) => r.suite));
    expect(suites).toContain('backend/webcrypto');
    expect(suites).toContain('backend/noble');
    expect(
      (results.ed25519 ?? []).find((r) => r.suite === 'backend/webcrypto' && r.name === 'selected')
        ?.ok,
    ).toBe(true);
  });
});
