import type { Browser } from 'playwright-core';

/** Debian's Chromium (`/usr/bin/chromium`), or `CHROMIUM_PATH` when set. */
export const CHROMIUM_PATH: string;

/**
 * Starts a headless Chromium, or fails with the command that installs it.
 *
 * @example
 *   const browser = await launchChromium();
 *   await browser.close();
 */
export function launchChromium(): Promise<Browser>;
