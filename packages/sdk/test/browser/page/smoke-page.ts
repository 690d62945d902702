// Smallest page: proves the SDK core bundles for a browser and its basics run there.
import { bytesToBase64, bytesToHex } from '../../../src/encoding/index.js';
import { checkBrowserCompatibility } from '../../../src/utils/compatibility.js';

(globalThis as Record<string, unknown>).runSmoke = () => ({
  compatibility: checkBrowserCompatibility(),
  hex: bytesToHex(new Uint8Array([0, 1, 254, 255])),
  base64: bytesToBase64(new Uint8Array([0, 1, 254, 255])),
});
