import { describe, expect, it } from 'vitest';
import {
  hasHeader,
  plainHeaderEntries,
  withSignatureFields,
} from '../../src/http-signatures/fetch-init-headers.js';

describe('plainHeaderEntries', () => {
  it('reads a record and an array of pairs, values normalised as new Headers normalises them', () => {
    const given = { 'Content-Type': ' application/json\r\n', 'X-N': 1 } as unknown as HeadersInit;
    expect(plainHeaderEntries(given)).toEqual([
      ['Content-Type', 'application/json'],
      ['X-N', '1'],
    ]);
    expect(plainHeaderEntries([['x-a', '\tv ']])).toEqual([['x-a', 'v']]);
    expect(plainHeaderEntries(undefined)).toEqual([]);
    for (const [name, value] of plainHeaderEntries(given)!) {
      expect(new Headers(given).get(name)).toBe(value);
    }
  });

  it('leaves Headers objects, other iterables and malformed pairs to Headers', () => {
    expect(plainHeaderEntries(new Headers({ a: '1' }))).toBeUndefined();
    expect(plainHeaderEntries(new Map([['a', '1']]) as unknown as HeadersInit)).toBeUndefined();
    expect(plainHeaderEntries([['a', '1', '2']] as unknown as HeadersInit)).toBeUndefined();
  });
});

describe('withSignatureFields', () => {
  it('replaces a field of the same name in any case, as Headers.set does, and keeps the rest', () => {
    const entries: Array<[string, string]> = [
      ['Signature', 'stale'],
      ['X-Keep', 'yes'],
    ];
    const sent = withSignatureFields(entries, { 'signature-input': 'a', signature: 'b' });
    expect(sent).toEqual([
      ['X-Keep', 'yes'],
      ['signature-input', 'a'],
      ['signature', 'b'],
    ]);
    expect(hasHeader(sent, 'x-keep')).toBe(true);
    expect(hasHeader(sent, 'content-type')).toBe(false);
  });
});
