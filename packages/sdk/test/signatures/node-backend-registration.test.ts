// Which entries make the 'node' backend available: the Node ones do, on import; the isomorphic
// main entry does not (it must bundle for a browser, so it never reaches node:crypto).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as BackendSelection from '../../src/signatures/backend-selection.js';

type Selection = typeof BackendSelection;

async function freshSelection(): Promise<Selection> {
  vi.resetModules();
  return import('../../src/signatures/backend-selection.js');
}

afterEach(() => vi.resetModules());

describe('registration of the node backend', () => {
  it('is absent from the main entry: pinning it fails with UNSUPPORTED_PLATFORM', async () => {
    const selection = await freshSelection();
    await import('../../src/index.js');
    expect(await selection.isEd25519BackendAvailable('node')).toBe(false);
    expect(await selection.getEd25519Backend()).toBe('webcrypto');
    selection.useEd25519Backend('node');
    await expect(selection.getEd25519Backend()).rejects.toMatchObject({
      code: 'UNSUPPORTED_PLATFORM',
    });
    selection.useEd25519Backend('auto');
  });

  it.each([
    ['@datafold/js-sdk/fastify', () => import('../../src/middleware/fastify.js')],
    ['@datafold/js-sdk/express', () => import('../../src/middleware/express.js')],
    ['@datafold/js-sdk/node', () => import('../../src/storage/node/index.js')],
  ])('is registered by %s, and auto picks it', async (_, importEntry) => {
    const selection = await freshSelection();
    await importEntry();
    expect(await selection.isEd25519BackendAvailable('node')).toBe(true);
    expect(await selection.getEd25519Backend()).toBe('node');
  });
});
