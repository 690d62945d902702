import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DataFoldError,
  ERROR_REGISTRY,
  Ed25519KeyError,
  isDataFoldError,
} from '../../src/errors/index.js';

interface SpecEntry {
  code: string;
  http_status: number;
  category: string;
  meaning: string;
  fix: string;
}
const spec = JSON.parse(
  readFileSync(new URL('../../../../spec/errors.json', import.meta.url), 'utf8'),
) as {
  errors: SpecEntry[];
};

describe('error registry', () => {
  it('has exactly the codes of spec/errors.json, with the same status, meaning and fix', () => {
    const fromSpec = Object.fromEntries(
      spec.errors.map((e) => [
        e.code,
        { httpStatus: e.http_status, category: e.category, meaning: e.meaning, fix: e.fix },
      ]),
    );
    expect(ERROR_REGISTRY).toEqual(fromSpec);
  });

  it('lists each code once, in UPPER_SNAKE, with an HTTP status, a meaning and a fix', () => {
    const codes = spec.errors.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const entry of spec.errors) {
      expect(entry.code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(entry.http_status).toBeGreaterThanOrEqual(400);
      expect(entry.http_status).toBeLessThan(600);
      expect(entry.meaning.length).toBeGreaterThan(10);
      expect(entry.fix.length).toBeGreaterThan(5);
    }
  });
});

describe('DataFoldError', () => {
  it('carries its code, HTTP status and fix, and serialises without a stack', () => {
    const error = new Ed25519KeyError('INVALID_PUBLIC_KEY', 'public key is 31 bytes; expected 32', {
      length: 31,
    });
    expect(error).toBeInstanceOf(DataFoldError);
    expect(error.name).toBe('Ed25519KeyError');
    expect(error.httpStatus).toBe(400);
    expect(error.fix).toBe(ERROR_REGISTRY.INVALID_PUBLIC_KEY.fix);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: 'INVALID_PUBLIC_KEY',
      message: 'public key is 31 bytes; expected 32',
      details: { length: 31 },
    });
    expect(isDataFoldError(error, 'INVALID_PUBLIC_KEY')).toBe(true);
    expect(isDataFoldError(error, 'KEY_NOT_FOUND')).toBe(false);
    expect(isDataFoldError(new Error('x'))).toBe(false);
  });
});
