// The node backend where sodium-native cannot load: its OpenSSL (node:crypto) fallback, pinned to
// the same suite.
import { registerNodeEd25519Backend } from '../../src/signatures/backend-selection.js';
import { createNodeBackend } from '../../src/signatures/node/node-backend.js';
import { describeNodeBackend } from './node-backend-suite.js';

registerNodeEd25519Backend((portable) => createNodeBackend(portable, () => Promise.resolve(null)));

await describeNodeBackend('OpenSSL fallback');
