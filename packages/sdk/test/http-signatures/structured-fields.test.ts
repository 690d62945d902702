import { describe, expect, it } from 'vitest';
import { parseDictionary, parseItem } from '../../src/http-signatures/structured-field-parse.js';
import {
  serializeBareItem,
  serializeDictionary,
  serializeInnerList,
} from '../../src/http-signatures/structured-field-serialize.js';
import { isInnerList, type InnerList } from '../../src/http-signatures/structured-field-types.js';

const roundTrip = (text: string) => serializeDictionary(parseDictionary(text));

describe('RFC 8941 dictionaries (spec §3 step 2)', () => {
  it('parses inner lists with parameters, as Signature-Input carries them', () => {
    const dict = parseDictionary(
      'sig1=("@method" "@target-uri" "content-digest");created=1618884473;keyid="k";alg="ed25519"',
    );
    const member = dict.get('sig1')!;
    expect(isInnerList(member)).toBe(true);
    const list = member as InnerList;
    expect(list.items.map((i) => i.value)).toEqual([
      { type: 'string', value: '@method' },
      { type: 'string', value: '@target-uri' },
      { type: 'string', value: 'content-digest' },
    ]);
    expect(list.params.get('created')).toEqual({ type: 'integer', value: 1618884473 });
    expect(list.params.get('keyid')).toEqual({ type: 'string', value: 'k' });
  });

  it('parses every bare item type and serialises it back canonically', () => {
    const text =
      'a=1, b=-42, c=3.25, d="q \\"x\\" \\\\", e=tok/en:1, f=:AQID:, g=?0, h, i;p=?1;q="r", j=()';
    expect(roundTrip(text)).toBe(
      'a=1, b=-42, c=3.25, d="q \\"x\\" \\\\", e=tok/en:1, f=:AQID:, g=?0, h, i;p;q="r", j=()',
    );
    const dict = parseDictionary(text);
    expect(dict.get('f')!).toMatchObject({
      value: { type: 'binary', value: Uint8Array.of(1, 2, 3) },
    });
    expect(dict.get('h')!).toMatchObject({ value: { type: 'boolean', value: true } });
  });

  it('takes optional whitespace around commas, tabs included, and spaces at the ends', () => {
    expect(roundTrip('  a=1 ,\tb=2  ')).toBe('a=1, b=2');
  });

  it('keeps the last of repeated keys (RFC 8941 §4.2.2)', () => {
    expect(roundTrip('a=1, b=2, a=3')).toBe('a=3, b=2');
  });

  it('accepts a byte sequence without padding or with non-zero pad bits (RFC 8941 §4.2.7)', () => {
    expect(parseItem(':AQI:').value).toEqual({ type: 'binary', value: Uint8Array.of(1, 2) });
    expect(parseItem(':AQJ=:').value).toEqual({ type: 'binary', value: Uint8Array.of(1, 2) });
  });

  it.each([
    ['a trailing comma', 'a=1,'],
    ['an empty member', 'a=1,,b=2'],
    ['an upper-case key', 'A=1'],
    ['a key starting with a digit', '1a=2'],
    ['an unterminated string', 'a="abc'],
    ['an unterminated inner list', 'a=("x" "y"'],
    ['items in an inner list without a space', 'a=("x""y")'],
    ['a bad escape', 'a="\\n"'],
    ['a control character in a string', 'a="x\ty"'],
    ['non-ASCII', 'a="é"'],
    ['a 16-digit integer', 'a=1234567890123456'],
    ['a decimal with 4 fraction digits', 'a=1.2345'],
    ['a decimal with 13 integer digits', 'a=1234567890123.5'],
    ['a decimal ending in "."', 'a=1.'],
    ['a bad boolean', 'a=?2'],
    ['a byte sequence with a space', 'a=:AQ ID:'],
    ['an unterminated byte sequence', 'a=:AQID'],
    ['a byte sequence of impossible length', 'a=:AQIDB:'],
    ['wrong padding', 'a=:AQ=:'],
    ['a lone "-"', 'a=-'],
    ['garbage after a member', 'a=1 b=2'],
    ['a parameter without a key', 'a=1;=2'],
    ['a nested inner list', 'a=(("x"))'],
    ['an item that starts badly', 'a=@x'],
    ['a tab before the value', '\ta=1'],
  ])('refuses %s', (_what, text) => {
    expect(() => parseDictionary(text)).toThrow(/not a structured field value/);
  });

  it('stops at the member and inner-list limits it is given (spec §3 step 1)', () => {
    const nine = Array.from({ length: 9 }, (_, i) => `m${i}=1`).join(', ');
    expect(() => parseDictionary(nine, { maxMembers: 8 })).toThrow(/more than 8 members/);
    expect(parseDictionary(nine, { maxMembers: 9 }).size).toBe(9);
    const list = `a=(${Array.from({ length: 33 }, (_, i) => `"h${i}"`).join(' ')})`;
    expect(() => parseDictionary(list, { maxInnerListItems: 32 })).toThrow(/more than 32 items/);
  });

  it('parses a hostile 8 KiB field in linear time', () => {
    const started = performance.now();
    for (const text of ['a=' + '('.repeat(8192), 'a="' + '\\"'.repeat(4096), ':'.repeat(8192)]) {
      expect(() => parseDictionary(text)).toThrow();
    }
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('RFC 8941 serialisation', () => {
  it('writes inner lists with parameters in their order', () => {
    const list: InnerList = {
      items: [{ value: { type: 'string', value: '@method' }, params: new Map() }],
      params: new Map([
        ['created', { type: 'integer', value: 1 }],
        ['flag', { type: 'boolean', value: true }],
        ['off', { type: 'boolean', value: false }],
      ]),
    };
    expect(serializeInnerList(list)).toBe('("@method");created=1;flag;off=?0');
  });

  it('rounds decimals to three places, ties to even', () => {
    expect(serializeBareItem({ type: 'decimal', value: 1.0625 })).toBe('1.062');
    expect(serializeBareItem({ type: 'decimal', value: 1.0635 })).toBe('1.064');
    expect(serializeBareItem({ type: 'decimal', value: 2.5 })).toBe('2.5');
    expect(serializeBareItem({ type: 'decimal', value: 7 })).toBe('7.0');
  });

  it.each([
    ['an integer of 16 digits', { type: 'integer', value: 1e15 } as const],
    ['a fractional integer', { type: 'integer', value: 1.5 } as const],
    ['a string with a newline', { type: 'string', value: 'a\nb' } as const],
    ['a token with a space', { type: 'token', value: 'a b' } as const],
  ])('refuses %s', (_what, item) => {
    expect(() => serializeBareItem(item)).toThrow(/cannot serialise/);
  });
});
