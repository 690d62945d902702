// One Chromium launcher for every browser suite (the SDK's and the dashboard's): Debian's binary,
// the flags a closed network needs, and the install hint when it is missing.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Debian's Chromium: test tools' own browser downloads cannot work on our machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps trying to reach Google's hosts, which
// a closed network refuses many times a second; --no-sandbox because CI runs as root.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts a headless Chromium, or fails with the command that installs it.
 *
 * @example
 *   const browser = await launchChromium();
 *   const page = await browser.newPage();
 *   await browser.close();
 * @returns {Promise<import('playwright-core').Browser>}
 */
export async function launchChromium() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it with 'apt-get install chromium' ` +
        `(scripts/ensure-system-deps.sh does this), or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
