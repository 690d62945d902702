import { describe, expect, it } from 'vitest';

import {
  codePointLength,
  hasLoneSurrogate,
  isCleanText,
  TEXT_PATTERN,
  wellFormed,
} from '../../src/encoding/text-rules.js';

describe('text rules', () => {
  it('refuses every C0 and C1 control character, NUL included, and accepts the rest', () => {
    for (let c = 0; c <= 0x20; c++)
      expect(isCleanText(`a${String.fromCharCode(c)}`)).toBe(c === 0x20);
    for (let c = 0x7f; c <= 0xa0; c++) expect(isCleanText(String.fromCharCode(c))).toBe(c === 0xa0);
    expect(isCleanText('été 😀 \u202e')).toBe(true);
  });

  it('states the same rule as a JSON Schema pattern (with the u flag, as validators compile it)', () => {
    const pattern = new RegExp(TEXT_PATTERN, 'u');
    for (const text of ['', 'ok', 'a\u0000', 'tab\t', 'nel\u0085', 'é😀']) {
      expect(pattern.test(text)).toBe(isCleanText(text));
    }
  });

  it('finds and replaces lone surrogates, and leaves pairs alone', () => {
    expect(hasLoneSurrogate('a\ud800b')).toBe(true);
    expect(hasLoneSurrogate('\udc00')).toBe(true);
    expect(hasLoneSurrogate('😀')).toBe(false);
    expect(wellFormed('a\ud800b\udc00😀')).toBe('a\ufffdb\ufffd😀');
    // What TextEncoder makes of it, so the signed bytes and the stored text agree.
    const encoded = new TextDecoder().decode(new TextEncoder().encode('x\ud800'));
    expect(wellFormed('x\ud800')).toBe(encoded);
  });

  it('counts code points as JSON Schema maxLength does', () => {
    expect(codePointLength('')).toBe(0);
    expect(codePointLength('a😀b')).toBe(3);
    expect(codePointLength('\ud800\ud800')).toBe(2);
    expect(codePointLength('😀'.repeat(256))).toBe(256);
  });
});
