import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkBrowserCompatibility, isCompatible } from '../../src/utils/compatibility.js';

afterEach(() => vi.unstubAllGlobals());

describe('checkBrowserCompatibility', () => {
  it('finds the core features in Node 20', () => {
    const c = checkBrowserCompatibility();
    expect(c).toMatchObject({
      webCrypto: true,
      secureRandom: true,
      textEncoding: true,
      webAssembly: true,
      missing: [],
    });
    expect(c.indexedDB).toBe(false);
    expect(c.warnings).toContain('IndexedDB is unavailable: keys can be kept in memory only');
    expect(isCompatible()).toBe(true);
  });

  it('says exactly what is missing when WebCrypto is absent', () => {
    vi.stubGlobal('crypto', undefined);
    const c = checkBrowserCompatibility();
    expect(c.missing).toEqual([
      'WebCrypto (crypto.subtle)',
      'a secure random source (crypto.getRandomValues)',
    ]);
    expect(isCompatible()).toBe(false);
  });

  it('names an insecure context', () => {
    vi.stubGlobal('isSecureContext', false);
    expect(checkBrowserCompatibility().missing[0]).toContain('secure context');
  });
});
