import type { Page } from 'playwright-core';

/** What a page's step answers: its value, or the DataFold error it threw, as plain data. */
export type StepResult<T = unknown> =
  { ok: true; value: T } | { ok: false; code: string; httpStatus?: number; message: string };

/**
 * Calls into a test page that publishes its steps as `globalThis[globalName][step](args)`:
 * `step` answers the StepResult, `value` the value or a thrown Error naming the step's code.
 *
 * @example
 * const { step, value } = pageSteps('flow');
 * const publicKey = await value<string>(page, 'generate', { keyId: 'k' });
 */
export function pageSteps(globalName: string) {
  function step<T>(page: Page, name: string, args: Record<string, unknown> = {}) {
    return page.evaluate(
      ([g, n, a]) =>
        (globalThis as unknown as Record<string, Record<string, (x: unknown) => Promise<unknown>>>)[
          g
        ]![n]!(a),
      [globalName, name, args] as const,
    ) as Promise<StepResult<T>>;
  }
  async function value<T>(page: Page, name: string, args: Record<string, unknown> = {}) {
    const result = await step<T>(page, name, args);
    if (!result.ok) throw new Error(`${name} failed: ${result.code} ${result.message}`);
    return result.value;
  }
  return { step, value };
}
