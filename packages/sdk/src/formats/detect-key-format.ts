import { isBytes } from '../encoding/bytes.js';
import { bytesToUtf8 } from '../encoding/utf8.js';
import type { KeyFormat } from './key-format.js';

// Every text format `formatKey` writes has a shape no other one has, so the format of a key
// can be read off the key itself: a PEM armour, a JSON object, 64 hex digits, 44 base64
// characters. Raw bytes are told by their length alone, and first: no text encoding of a
// 32-byte key is 32 bytes long, while random bytes may well begin with "{" (1 in 256 seeds do).

/**
 * Spaces, tabs and line ends around key text: the characters `parseKey` ignores there and no
 * others (vectors/key-formats/surrounding-whitespace.json). The test of this module holds the
 * two to the same set.
 */
const SURROUNDING_WHITESPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;

/** A 32-byte key in hex, either case. */
const HEX_KEY = /^[0-9a-fA-F]{64}$/;

/** A 32-byte key in standard padded base64 (RFC 4648 §4): 43 characters and one "=". */
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=$/;

/**
 * The format an Ed25519 key is written in, read off its shape; undefined when it has none of
 * them. The one rule every DataFold tool uses to take a key without being told its format:
 *
 * 1. bytes, exactly 32 of them: `'uint8array'` (the raw key; a string is text, never raw);
 * 2. other bytes are read as UTF-8 text (undefined if they are not UTF-8), and for text, with
 *    spaces, tabs and line ends around it ignored as `parseKey` ignores them:
 *    - beginning with `-----BEGIN`: `'pem'`;
 *    - beginning with `{`: `'jwk'`;
 *    - exactly 64 hex digits: `'hex'`;
 *    - exactly 43 base64 characters and `=` (padded base64 of 32 bytes): `'base64'`.
 *
 * The shapes do not overlap, so `parseKey(text, detectKeyFormat(text))` reads every key that
 * `formatKey` writes, and whatever `parseKey` reads as hex, base64 or JWK is detected as that.
 * A detected format is a shape, not a verdict: the parse still checks the key (a PEM armour may
 * hold an RSA key). Explanatory text before a PEM armour (RFC 7468 §5.2) is not detected; pass
 * `'pem'` for such files.
 *
 * @example
 * detectKeyFormat('-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA...'); // 'pem'
 * detectKeyFormat('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a\n'); // 'hex'
 * detectKeyFormat(new Uint8Array(32)); // 'uint8array'
 * detectKeyFormat('not a key'); // undefined
 *
 * const text = readFileSync('key.pub', 'utf8');
 * const publicKey = parseKey(text, detectKeyFormat(text) ?? 'hex');
 */
export function detectKeyFormat(data: string | Uint8Array): KeyFormat | undefined {
  let text: string;
  if (isBytes(data)) {
    if (data.length === 32) return 'uint8array';
    try {
      text = bytesToUtf8(data);
    } catch {
      return undefined; // not UTF-8: no text format
    }
  } else if (typeof data === 'string') {
    text = data;
  } else {
    return undefined;
  }
  const trimmed = text.replace(SURROUNDING_WHITESPACE, '');
  if (trimmed.startsWith('-----BEGIN')) return 'pem';
  if (trimmed.startsWith('{')) return 'jwk';
  if (HEX_KEY.test(trimmed)) return 'hex';
  if (BASE64_KEY.test(trimmed)) return 'base64';
  return undefined;
}
