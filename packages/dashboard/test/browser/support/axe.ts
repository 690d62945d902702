// The accessibility check every dashboard suite can run on the views it drives: axe-core in the
// page as it stands, failing on what axe rates serious or critical (missing names, contrast below
// WCAG AA, broken ARIA), with each violation named so the failure reads without a browser open.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let source: Promise<string> | null = null;

/** The impacts that fail the check; minor and moderate ones are left to review. */
const FAILING = new Set(['serious', 'critical']);

function describeViolation(violation: Result): string {
  const where = violation.nodes
    .slice(0, 5)
    .map(
      (node) => `    ${node.target.join(' ')}: ${node.failureSummary?.split('\n').join(' ') ?? ''}`,
    )
    .join('\n');
  return `  ${violation.id} (${violation.impact}): ${violation.help}\n${where}`;
}

/**
 * Runs axe-core on the page (its WCAG 2.x A and AA rules and best practices) and returns the
 * serious and critical violations as readable lines; empty when there are none. Axe is evaluated
 * through the DevTools protocol, not a `<script>` tag, so the dashboard's CSP (no inline scripts)
 * stays as users get it.
 *
 * @example
 *   expect(await seriousA11yViolations(page, 'keys view')).toEqual([]);
 */
export async function seriousA11yViolations(page: Page, state: string): Promise<string[]> {
  source ??= readFile(AXE_SOURCE, 'utf8');
  const code = await source;
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(code);
  const results = (await page.evaluate(() =>
    (
      window as unknown as { axe: { run(context: Document, options: object): Promise<unknown> } }
    ).axe.run(document, { resultTypes: ['violations'] }),
  )) as AxeResults;
  return results.violations
    .filter((violation) => FAILING.has(violation.impact ?? ''))
    .map((violation) => `${state}:\n${describeViolation(violation)}`);
}

/**
 * Fails with every serious or critical axe violation of the page, named and located.
 *
 * @example
 *   await page.getByRole('heading', { name: 'Keys', level: 1 }).waitFor();
 *   await expectAccessible(page, 'keys view');
 */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const violations = await seriousA11yViolations(page, state);
  if (violations.length > 0) {
    throw new Error(
      `axe-core found serious accessibility problems in ${state}:\n${violations.join('\n')}`,
    );
  }
}
