import { ValidationError } from '../errors/datafold-error.js';
import type { ErrorCode } from '../errors/registry.js';

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function reverseTable(alphabet: string): Int16Array {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}
const STANDARD_REVERSE = reverseTable(STANDARD);
const URL_SAFE_REVERSE = reverseTable(URL_SAFE);

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out +=
      alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out +=
      alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + (pad ? '=' : '');
  }
  return out;
}

function decode(
  text: string,
  table: Int16Array,
  padded: boolean,
  code: ErrorCode,
  what: string,
): Uint8Array {
  if (typeof text !== 'string') throw new ValidationError(code, `${what} must be a base64 string`);
  let body = text;
  if (padded) {
    if (text.length % 4 !== 0) {
      throw new ValidationError(
        code,
        `${what} is not padded base64: length ${text.length} is not a multiple of 4`,
      );
    }
    if (body.endsWith('==')) body = body.slice(0, -2);
    else if (body.endsWith('=')) body = body.slice(0, -1);
  } else if (text.length % 4 === 1) {
    throw new ValidationError(code, `${what} is not base64url: impossible length ${text.length}`);
  }
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    const v = c < 128 ? table[c]! : -1;
    if (v < 0)
      throw new ValidationError(code, `${what} is not base64: invalid character at position ${i}`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, so every byte string has exactly one encoding.
  if ((acc & ((1 << bits) - 1)) !== 0) {
    throw new ValidationError(code, `${what} is not canonical base64: non-zero trailing bits`);
  }
  return out;
}

/** Standard, padded base64 (RFC 4648 §4), as used in every DataFold format. */
export function bytesToBase64(bytes: Uint8Array): string {
  return encode(bytes, STANDARD, true);
}

/** Decodes standard padded base64 strictly: wrong padding, stray characters or whitespace are refused. */
export function base64ToBytes(
  text: string,
  code: ErrorCode = 'INVALID_ARGUMENT',
  what = 'value',
): Uint8Array {
  return decode(text, STANDARD_REVERSE, true, code, what);
}

/** base64url without padding (RFC 4648 §5), as JWK requires (RFC 7517). */
export function bytesToBase64Url(bytes: Uint8Array): string {
  return encode(bytes, URL_SAFE, false);
}

/** Decodes unpadded base64url strictly. */
export function base64UrlToBytes(
  text: string,
  code: ErrorCode = 'INVALID_ARGUMENT',
  what = 'value',
): Uint8Array {
  return decode(text, URL_SAFE_REVERSE, false, code, what);
}
