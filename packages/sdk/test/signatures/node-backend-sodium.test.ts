// The node backend with libsodium (sodium-native), as the Node entries register it where the
// addon loads: the loader is wrapped only to prove that it did load.
import { expect, it } from 'vitest';
import { registerNodeEd25519Backend } from '../../src/signatures/backend-selection.js';
import { createNodeBackend } from '../../src/signatures/node/node-backend.js';
import { loadSodiumEd25519 } from '../../src/signatures/node/sodium-ed25519.js';
import { describeNodeBackend } from './node-backend-suite.js';

const loaded: string[] = [];
registerNodeEd25519Backend((portable) =>
  createNodeBackend(portable, async () => {
    const sodium = await loadSodiumEd25519();
    loaded.push(sodium?.name ?? 'none');
    return sodium;
  }),
);

await describeNodeBackend('libsodium');

it('signed and verified through libsodium, loaded once', () => {
  expect(loaded).toEqual(['sodium']);
});
