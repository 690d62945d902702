import type { Browser, Page } from 'playwright-core';

/** How a suite's page is opened: its screen, its time zone, its colour scheme. */
export interface PageOptions {
  width?: number;
  height?: number;
  timezoneId?: string;
  colorScheme?: 'light' | 'dark';
}

/**
 * Records every console error and uncaught exception of `page` in `problems`: a CSP violation or
 * an uncaught error is a bug even when the view looks right, so each suite ends by expecting
 * `problems` to be empty (or to hold only what it caused on purpose).
 *
 * @example
 * watchProblems(page, problems);
 */
export function watchProblems(page: Page, problems: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
}

/**
 * A page in a context of its own (1280×900, light, the machine's zone unless told), its problems
 * recorded in `problems`. Close it with `page.context().close()`.
 *
 * @example
 * const page = await openWatchedPage(browser, problems, { width: 390, colorScheme: 'dark' });
 */
export async function openWatchedPage(
  browser: Browser,
  problems: string[],
  options: PageOptions = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  const page = await context.newPage();
  watchProblems(page, problems);
  return page;
}
