import { ValidationError } from '../errors/datafold-error.js';
import type { ErrorCode } from '../errors/registry.js';

const HEX_DIGITS = '0123456789abcdef';
const BYTE_TO_HEX: string[] = Array.from(
  { length: 256 },
  (_, i) => HEX_DIGITS[i >> 4]! + HEX_DIGITS[i & 15]!,
);

/** Lowercase hex of `bytes`. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += BYTE_TO_HEX[byte]!;
  return out;
}

function nibble(charCode: number): number {
  if (charCode >= 48 && charCode <= 57) return charCode - 48; // 0-9
  if (charCode >= 97 && charCode <= 102) return charCode - 87; // a-f
  if (charCode >= 65 && charCode <= 70) return charCode - 55; // A-F
  return -1;
}

/**
 * Decodes hex in either case, or undefined for an odd length or a non-hex character: for callers
 * that take another path then, without the cost of an error (key-fingerprint.ts, per listed key).
 *
 * @example
 * hexToBytesIfHex('00ff'); // Uint8Array [0, 255]
 * hexToBytesIfHex('0g'); // undefined
 */
export function hexToBytesIfHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(hex.charCodeAt(2 * i));
    const lo = nibble(hex.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) return undefined;
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/**
 * Decodes hex in either case. Throws `code` (INVALID_ARGUMENT unless told otherwise) for an odd
 * length or a non-hex character; the message says which, never echoes the input (it may be a key).
 */
export function hexToBytes(
  hex: string,
  code: ErrorCode = 'INVALID_ARGUMENT',
  what = 'value',
): Uint8Array {
  if (typeof hex !== 'string') throw new ValidationError(code, `${what} must be a hex string`);
  if (hex.length % 2 !== 0) {
    throw new ValidationError(code, `${what} is not hex: odd number of characters (${hex.length})`);
  }
  const out = hexToBytesIfHex(hex);
  if (out) return out;
  // Only on the way to the error: where the first non-hex character is.
  let position = 0;
  while (nibble(hex.charCodeAt(position)) >= 0) position++;
  throw new ValidationError(code, `${what} is not hex: invalid character at position ${position}`);
}

/** True when `value` is a non-empty string of hex digits of even length. */
export function isHex(value: string): boolean {
  if (value.length === 0 || value.length % 2 !== 0) return false;
  for (let i = 0; i < value.length; i++) if (nibble(value.charCodeAt(i)) < 0) return false;
  return true;
}
