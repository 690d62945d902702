// The key fingerprint vector suite (vectors/fingerprint/key-fingerprint-v1.json), runnable in
// Node and inside a browser page: no Node imports; the SDK functions and the parsed file come in
// as arguments, and every case is reported as a VectorResult rather than thrown.
import { hexToBytes } from '../../src/encoding/hex.js';
import type { VectorResult } from './vector-result.js';

/** The functions the suite exercises. */
export interface FingerprintVectorSdk {
  keyFingerprint(publicKey: Uint8Array | string): string;
  shortKeyFingerprint(fingerprint: string): string;
}

interface KeyCase {
  name: string;
  public_key_hex: string;
  public_key_base64: string;
  fingerprint: string;
  short_fingerprint: string;
}

interface InvalidCase {
  name: string;
  public_key_hex: string;
  code: string;
}

/** Every form of each key must give the case's fingerprint; every invalid case its code. */
export function runFingerprintVectors(sdk: FingerprintVectorSdk, file: unknown): VectorResult[] {
  const { cases = [], invalid = [] } = file as { cases?: KeyCase[]; invalid?: InvalidCase[] };
  const results: VectorResult[] = [];
  const check = (name: string, run: () => string | undefined) => {
    let detail: string | undefined;
    try {
      detail = run();
    } catch (error) {
      detail = `threw ${String(error)}`;
    }
    results.push({ suite: 'fingerprint', name, ok: detail === undefined, ...(detail ? { detail } : {}) });
  };
  for (const c of cases) {
    const forms: [string, Uint8Array | string][] = [
      ['bytes', hexToBytes(c.public_key_hex)],
      ['hex', c.public_key_hex],
      ['upper-case hex', c.public_key_hex.toUpperCase()],
      ['base64', c.public_key_base64],
    ];
    for (const [form, input] of forms) {
      check(`${c.name} (${form})`, () => {
        const got = sdk.keyFingerprint(input);
        return got === c.fingerprint ? undefined : `got ${got}, expected ${c.fingerprint}`;
      });
    }
    check(`${c.name} (short form)`, () => {
      const got = sdk.shortKeyFingerprint(c.fingerprint);
      return got === c.short_fingerprint ? undefined : `got ${got}, expected ${c.short_fingerprint}`;
    });
  }
  for (const c of invalid) {
    check(`invalid: ${c.name}`, () => {
      try {
        const got = sdk.keyFingerprint(hexToBytes(c.public_key_hex));
        return `accepted, gave ${got}`;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        return code === c.code ? undefined : `threw ${String(code)}, expected ${c.code}`;
      }
    });
  }
  return results;
}
