import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, hexToBytesIfHex } from '../../src/encoding/hex.js';

describe('hexToBytesIfHex', () => {
  it('decodes what hexToBytes decodes, in either case', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (bytes, upper) => {
        const hex = upper ? bytesToHex(bytes).toUpperCase() : bytesToHex(bytes);
        expect(hexToBytesIfHex(hex)).toStrictEqual(hexToBytes(hex));
      }),
    );
  });

  it('answers undefined wherever hexToBytes throws', () => {
    for (const text of ['0', 'abc', '0g', 'zz', ' 00', '00 ', 'ä0', '0x00']) {
      expect(() => hexToBytes(text), text).toThrow();
      expect(hexToBytesIfHex(text), text).toBeUndefined();
    }
  });
});

describe('hexToBytes errors', () => {
  it('names an odd length, or the position of the first non-hex character, never the input', () => {
    expect(() => hexToBytes('abc', 'INVALID_ARGUMENT', 'key')).toThrow(
      'key is not hex: odd number of characters (3)',
    );
    expect(() => hexToBytes('00ffzz', 'INVALID_ARGUMENT', 'key')).toThrow(
      'key is not hex: invalid character at position 4',
    );
    expect(() => hexToBytes('0gff', 'INVALID_ARGUMENT', 'key')).toThrow(
      'key is not hex: invalid character at position 1',
    );
  });
});
