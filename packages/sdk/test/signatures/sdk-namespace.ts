// The SDK as tests see it: the key, signature and format modules together, as the package barrel
// re-exports them. The vector runner takes this namespace, as it takes the bundle in a browser.
import * as formats from '../../src/formats/index.js';
import * as keys from '../../src/keys/index.js';
import * as signatures from '../../src/signatures/index.js';

export const sdk = { ...keys, ...signatures, ...formats };
