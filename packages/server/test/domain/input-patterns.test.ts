import {
  base64ToBytes,
  bytesToBase64,
  parseStatementTimestamp,
  STATEMENT_FIELD_PATTERNS as STATEMENT_PATTERNS,
} from '@datafold/js-sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { decodeMessage, INPUT_PATTERNS } from '../../src/domain/wire-inputs.js';

// The request schemas state these rules as patterns (the OpenAPI document); the server decides
// with its decoders. They must agree, or the document lies in one direction or the other.
const decodes = (fn: () => unknown) => {
  try {
    fn();
    return true;
  } catch {
    return false;
  }
};

describe('the schema patterns say what the decoders do', () => {
  it('base64Message matches exactly the text the strict base64 decoder accepts', () => {
    const pattern = new RegExp(INPUT_PATTERNS.base64Message);
    const base64ish = fc.string({
      unit: fc.constantFrom(...'ABCDQRSgwxyz019+/=-_ '.split('')),
      minLength: 1,
      maxLength: 12,
    });
    fc.assert(
      fc.property(base64ish, (text) => {
        expect(pattern.test(text)).toBe(decodes(() => base64ToBytes(text)));
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), (bytes) => {
        expect(pattern.test(bytesToBase64(bytes))).toBe(true);
      }),
    );
  });

  it('hexMessage matches exactly the text the hex decoder accepts', () => {
    const pattern = new RegExp(INPUT_PATTERNS.hexMessage);
    const hexish = fc.string({
      unit: fc.constantFrom(...'0aF9gx '.split('')),
      minLength: 1,
      maxLength: 9,
    });
    fc.assert(
      fc.property(hexish, (text) => {
        expect(pattern.test(text)).toBe(decodes(() => decodeMessage(text, 'hex')));
      }),
      { numRuns: 3000 },
    );
  });

  it('every timestamp the statement check accepts matches the timestamp pattern', () => {
    const pattern = new RegExp(STATEMENT_PATTERNS.timestamp);
    fc.assert(
      fc.property(
        fc.date({
          min: new Date(0),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const text = date.toISOString();
          expect(decodes(() => parseStatementTimestamp(text))).toBe(true);
          expect(pattern.test(text)).toBe(true);
        },
      ),
    );
    // What the pattern lets through and the check refuses: only dates that do not exist.
    expect(pattern.test('2026-02-30T00:00:00.000Z')).toBe(true);
    expect(decodes(() => parseStatementTimestamp('2026-02-30T00:00:00.000Z'))).toBe(false);
    expect(pattern.test('2026-13-01T00:00:00.000Z')).toBe(false);
  });
});
