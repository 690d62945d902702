// The sign-in link `datafold-server` prints on a first start: `/#token=…` signs the page in, and
// the token leaves the address bar at once. A refused token shows the sign-in form with the reason.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@datafold/test-support/chromium';
import { startDashboardServer, type DashboardServer } from './support/dashboard-server.js';

let server: DashboardServer;
let browser: Browser;
const problems: string[] = [];

async function open(address: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(address);
  return page;
}

beforeAll(async () => {
  server = await startDashboardServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('sign-in link', () => {
  it('signs in with the token in the fragment and takes it out of the address', async () => {
    const page = await open(`${server.url}/#token=${server.adminToken}`);
    await expect.poll(() => page.textContent('#session-state')).toContain('Signed in (admin)');
    expect(new URL(page.url()).hash).toBe('#/overview');
    expect(page.url()).not.toContain(server.adminToken);
    await expect.poll(() => page.textContent('h1')).toBe('Overview');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the sign-in form with the reason when the link’s token is refused', async () => {
    const page = await open(`${server.url}/#token=dfk_not_a_token_this_server_issued`);
    await expect.poll(() => page.textContent('[role="alert"]')).toMatch(/token/i);
    expect(await page.locator('#admin-token').count()).toBe(1);
    expect(new URL(page.url()).hash).toBe('#/overview');
    await page.close();
  });
});
