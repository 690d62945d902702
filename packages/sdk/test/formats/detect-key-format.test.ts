import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js';
import { detectKeyFormat } from '../../src/formats/detect-key-format.js';
import { formatKey } from '../../src/formats/format-key.js';
import type { KeyFormat } from '../../src/formats/key-format.js';
import { parseKey } from '../../src/formats/parse-key.js';
import { keyPairFromSeed } from '../../src/keys/index.js';

// One rule for taking a key without being told its format (the CLI's store-key and verify-local
// use it): the cases in vectors/key-formats/detection.json, and properties that hold the rule to
// what formatKey writes and parseKey reads.

interface Case {
  name: string;
  text?: string;
  bytes?: string;
  format: KeyFormat | null;
  key?: string;
}
const vectors = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../../vectors/key-formats/${name}`, import.meta.url), 'utf8'),
  ) as { cases: Case[] };

/** What parseKey takes for a detected format: bytes for uint8array, the text for the others. */
function parsed(input: string | Uint8Array, format: KeyFormat): Uint8Array {
  if (format === 'uint8array' || typeof input === 'string') return parseKey(input, format);
  return parseKey(new TextDecoder().decode(input), format);
}

describe('detectKeyFormat: vectors/key-formats/detection.json', () => {
  for (const c of vectors('detection.json').cases) {
    it(c.name, () => {
      const input = c.bytes === undefined ? c.text! : hexToBytes(c.bytes);
      const format = detectKeyFormat(input);
      expect(format ?? null).toBe(c.format);
      if (c.key !== undefined) expect(bytesToHex(parsed(input, format!))).toBe(c.key);
    });
  }
});

describe('detectKeyFormat: vectors/key-formats/surrounding-whitespace.json', () => {
  // Whitespace parseKey ignores around a key does not hide its format; the text parseKey refuses
  // has no format (or the format whose parse then says what is wrong).
  for (const c of vectors('surrounding-whitespace.json').cases) {
    it(c.name, () => {
      const format = detectKeyFormat(c.text!);
      if (c.key !== undefined) expect(format).toBe(c.format);
      else expect([undefined, c.format]).toContain(format);
    });
  }
});

const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const around = fc.string({ unit: fc.constantFrom(' ', '\t', '\r', '\n'), maxLength: 3 });

describe('detectKeyFormat: properties', () => {
  it('detects the format of every key formatKey writes, whitespace around it or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        key32,
        fc.constantFrom<KeyFormat>('hex', 'base64', 'pem', 'jwk'),
        fc.boolean(),
        around,
        around,
        async (seed, format, isPrivate, before, after) => {
          const pair = await keyPairFromSeed(seed);
          const keyType = isPrivate ? 'private' : 'public';
          // Text for every format drawn here (only 'uint8array' gives bytes).
          const key = isPrivate ? pair.privateKey : pair.publicKey;
          const text = formatKey(key, format, { keyType }) as string;
          expect(detectKeyFormat(`${before}${text}${after}`)).toBe(format);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads any 32 bytes as the raw key, whatever they begin with', () => {
    fc.assert(
      fc.property(key32, (bytes) => {
        expect(detectKeyFormat(bytes)).toBe('uint8array');
      }),
    );
    expect(detectKeyFormat(Uint8Array.of(0x7b, ...new Uint8Array(31)))).toBe('uint8array');
  });

  it('detects as hex, base64 or jwk whatever parseKey reads in that format', () => {
    // Text near the shapes: key-length runs of hex and base64 characters, braces, whitespace.
    const unit = fc.constantFrom(...'0123456789abcdefABCDEF+/=_-{} \t\r\n\u00a0xyz');
    const text = fc.oneof(
      fc.string({ unit, minLength: 40, maxLength: 70 }),
      fc.tuple(around, key32, around).map(([b, k, a]) => `${b}${bytesToHex(k)}${a}`),
      fc.tuple(around, key32, around).map(([b, k, a]) => `${b}${formatKey(k, 'base64')}${a}`),
    );
    fc.assert(
      fc.property(text, (input) => {
        for (const format of ['hex', 'base64', 'jwk'] as const) {
          let parses = true;
          try {
            parseKey(input, format);
          } catch {
            parses = false;
          }
          if (parses) expect(detectKeyFormat(input)).toBe(format);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is undefined for what is neither text nor bytes', () => {
    expect(detectKeyFormat(42 as unknown as string)).toBeUndefined();
    expect(detectKeyFormat(null as unknown as string)).toBeUndefined();
  });
});
