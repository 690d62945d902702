// The parts of the non-extractable key store that run in Node: feature detection and its coded
// refusals. Node has WebCrypto Ed25519 but no IndexedDB, so the store itself runs in Chromium
// (test/browser/non-extractable-keys.test.ts).
import { describe, expect, it } from 'vitest';
import { isDataFoldError } from '../../src/errors/datafold-error.js';
import {
  createNonExtractableKeyStore,
  isNonExtractableKeySupported,
} from '../../src/storage/non-extractable/index.js';
import {
  assertNonExtractableKeySupport,
  generatesNonExtractableEd25519,
} from '../../src/storage/non-extractable/non-extractable-support.js';

async function codeOf(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isDataFoldError(error), String(error)).toBe(true);
  return (error as { code: string }).code;
}

/**
 * Node's real SubtleCrypto with one change: generateKey answers as a browser without Ed25519
 * (or, with `extractable`, one that ignores `extractable: false`) does.
 */
function subtleWith(generateKey: 'unsupported' | 'extractable'): SubtleCrypto {
  const real = crypto.subtle;
  return new Proxy(real, {
    get(target, name) {
      if (name !== 'generateKey') {
        const value = Reflect.get(target, name, target) as unknown;
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      }
      return (algorithm: AlgorithmIdentifier, _extractable: boolean, usages: KeyUsage[]) =>
        generateKey === 'unsupported'
          ? Promise.reject(new DOMException('Unrecognized name.', 'NotSupportedError'))
          : real.generateKey(algorithm, true, usages);
    },
  });
}

describe('non-extractable key support', () => {
  it('is false in Node, which has no IndexedDB; the store says so with INDEXEDDB_NOT_SUPPORTED', async () => {
    expect(await isNonExtractableKeySupported()).toBe(false);
    expect(await codeOf(assertNonExtractableKeySupport())).toBe('INDEXEDDB_NOT_SUPPORTED');
    expect(await codeOf(createNonExtractableKeyStore())).toBe('INDEXEDDB_NOT_SUPPORTED');
  });

  it('trusts WebCrypto only after generating a key that signs, verifies and refuses export', async () => {
    expect(await generatesNonExtractableEd25519(crypto.subtle)).toBe(true);
    expect(await generatesNonExtractableEd25519(subtleWith('unsupported'))).toBe(false);
    expect(await generatesNonExtractableEd25519(subtleWith('extractable'))).toBe(false);
  });

  it('refuses a WebCrypto without non-extractable Ed25519 with UNSUPPORTED_PLATFORM, naming the fallback', async () => {
    // Any object stands for IndexedDB here: the check never opens it.
    const indexedDB = {} as IDBFactory;
    await expect(
      assertNonExtractableKeySupport({ indexedDB, subtle: crypto.subtle }),
    ).resolves.toMatchObject({ subtle: crypto.subtle });
    const error = await assertNonExtractableKeySupport({
      indexedDB,
      subtle: subtleWith('unsupported'),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'UNSUPPORTED_PLATFORM',
      details: { alternative: 'indexeddb' },
    });
    expect((error as Error).message).toMatch(/createStorage\(\)/);
  });
});
