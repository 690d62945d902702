// Which entries make the 'node' backend available: the Node ones do, on import, and so does the
// main entry as Node resolves it (index.node.ts, package.json's `node` condition); the isomorphic
// main entry that browsers bundle (index.ts) does not, so it never reaches node:crypto.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as BackendSelection from '../../src/signatures/backend-selection.js';

type Selection = typeof BackendSelection;

async function freshSelection(): Promise<Selection> {
  vi.resetModules();
  return import('../../src/signatures/backend-selection.js');
}

afterEach(() => vi.resetModules());

describe('registration of the node backend', () => {
  it('is absent from the isomorphic main entry: pinning it fails with UNSUPPORTED_PLATFORM', async () => {
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
    ['@datafold/js-sdk under Node', () => import('../../src/index.node.js')],
    ['@datafold/js-sdk/fastify', () => import('../../src/middleware/fastify.js')],
    ['@datafold/js-sdk/express', () => import('../../src/middleware/express.js')],
    ['@datafold/js-sdk/node', () => import('../../src/storage/node/index.js')],
  ])('is registered by %s, and auto picks it', async (_, importEntry) => {
    const selection = await freshSelection();
    await importEntry();
    expect(await selection.isEd25519BackendAvailable('node')).toBe(true);
    expect(await selection.getEd25519Backend()).toBe('node');
  });

  it('is what package.json sends Node to for the main entry, and only Node', () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { exports: Record<string, Record<string, string>> };
    expect(pkg.exports['.']).toEqual({
      types: './dist/index.d.ts',
      node: './dist/index.node.js',
      default: './dist/index.js',
    });
  });
});
