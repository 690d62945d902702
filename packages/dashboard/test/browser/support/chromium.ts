// One Chromium launcher for every browser suite: Debian's binary, the flags our closed network
// needs, and the install hint when it is missing. The SDK's browser tests own it.
export { CHROMIUM_PATH, launchChromium } from '../../../../sdk/test/browser/support/chromium.js';
