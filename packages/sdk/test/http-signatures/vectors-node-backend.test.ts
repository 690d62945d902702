// vectors/http-signatures (RFC 9421 B.2.6, sign.json, verify.json) again, with verification pinned
// to the 'node' backend the Node entries register: the same suite, imported, not copied.
import '../../src/signatures/node/register-node-ed25519.js';
import { afterAll, expect, it } from 'vitest';
import { getEd25519Backend, useEd25519Backend } from '../../src/signatures/index.js';

useEd25519Backend('node');
afterAll(() => useEd25519Backend('auto'));

it('runs on the node backend', async () => {
  expect(await getEd25519Backend()).toBe('node');
});

await import('./vectors.test.js');
