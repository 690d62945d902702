import { Ed25519KeyError } from '../errors/datafold-error.js';
import { base64ToBytes } from '../encoding/base64.js';
import { isBytes } from '../encoding/bytes.js';
import { hexToBytes } from '../encoding/hex.js';
import { fromJwk } from './jwk.js';
import { assertKeyFormat, assertKeyType, type KeyFormat, type KeyType } from './key-format.js';
import { unarmorPem } from './pem.js';
import { decodePkcs8 } from './pkcs8.js';
import { decodeSpki } from './spki.js';

/** Options of `parseKey`. */
export interface ParseKeyOptions {
  /** For 'pem' and 'jwk': refuse (INVALID_KEY_FORMAT) a key of the other type. */
  keyType?: KeyType;
}

/** What `parseKeyDetailed` found. */
export interface ParsedKey {
  /** The 32 bytes: the seed of a private key, or the public key. */
  key: Uint8Array;
  /** Known for 'pem' and 'jwk'; undefined for the raw formats, which cannot tell. */
  keyType: KeyType | undefined;
  /** The public key: for public keys `key` itself, for private PEM/JWK the one derived from the seed. */
  publicKey: Uint8Array | undefined;
}

function invalid(problem: string): Ed25519KeyError {
  return new Ed25519KeyError('INVALID_KEY_FORMAT', problem);
}

function exactly32(bytes: Uint8Array, format: string): Uint8Array {
  if (bytes.length !== 32) {
    throw invalid(`a ${format} Ed25519 key must decode to 32 bytes, got ${bytes.length}`);
  }
  return bytes;
}

/** Spaces, tabs and line ends: what text tools put around a key (a file's final newline). */
const SURROUNDING_WHITESPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;

function text(data: unknown, format: string): string {
  if (typeof data !== 'string') throw invalid(`${format} key data must be a string`);
  // Only around the key: whitespace inside it is still refused.
  return data.replace(SURROUNDING_WHITESPACE, '');
}

/**
 * `parseKey` that also says whether the key is private or public (when the format can tell) and
 * gives the public key of a private PEM or JWK. Same errors as `parseKey`.
 *
 * @example
 * const { keyType, key, publicKey } = parseKeyDetailed(pemText, 'pem');
 */
export function parseKeyDetailed(
  data: string | Uint8Array | object,
  format: KeyFormat,
  options: ParseKeyOptions = {},
): ParsedKey {
  assertKeyFormat(format);
  if (typeof options !== 'object' || options === null) {
    throw new Ed25519KeyError('INVALID_ARGUMENT', 'options must be an object like { keyType }');
  }
  assertKeyType(options.keyType);
  let parsed: ParsedKey;
  switch (format) {
    case 'hex':
      parsed = {
        key: exactly32(hexToBytes(text(data, 'hex'), 'INVALID_KEY_FORMAT', 'hex key'), 'hex'),
        keyType: undefined,
        publicKey: undefined,
      };
      break;
    case 'base64':
      parsed = {
        key: exactly32(
          base64ToBytes(text(data, 'base64'), 'INVALID_KEY_FORMAT', 'base64 key'),
          'base64',
        ),
        keyType: undefined,
        publicKey: undefined,
      };
      break;
    case 'uint8array':
      if (!isBytes(data)) throw invalid('uint8array key data must be a Uint8Array');
      parsed = {
        key: exactly32(new Uint8Array(data), 'uint8array'),
        keyType: undefined,
        publicKey: undefined,
      };
      break;
    case 'pem': {
      const { label, der } = unarmorPem(data);
      if (label === 'PRIVATE KEY') {
        try {
          const { seed, publicKey } = decodePkcs8(der);
          parsed = { key: seed, keyType: 'private', publicKey };
        } finally {
          der.fill(0);
        }
      } else {
        const publicKey = decodeSpki(der);
        parsed = { key: publicKey, keyType: 'public', publicKey };
      }
      break;
    }
    case 'jwk': {
      if (isBytes(data)) throw invalid('jwk key data must be a JWK object or its JSON text');
      const { seed, publicKey } = fromJwk(data);
      parsed =
        seed === undefined
          ? { key: publicKey, keyType: 'public', publicKey }
          : { key: seed, keyType: 'private', publicKey };
      break;
    }
  }
  if (
    options.keyType !== undefined &&
    parsed.keyType !== undefined &&
    parsed.keyType !== options.keyType
  ) {
    if (parsed.keyType === 'private') parsed.key.fill(0);
    throw invalid(
      `expected a ${options.keyType} key but the ${format} holds a ${parsed.keyType} key`,
    );
  }
  return parsed;
}

/**
 * Reads a 32-byte key written in any of the formats of `formatKey`: the seed for private PEM/JWK
 * keys, the public key for public ones, the bytes as given for hex, base64 (standard, padded) and
 * uint8array. Hex may be either case. Spaces, tabs and line ends around the text of any text format
 * are ignored (a key file ends in a newline); anything else is refused (no prefixes, no whitespace
 * inside the key).
 *
 * Throws UNSUPPORTED_FORMAT for an unknown format, UNSUPPORTED_KEY_TYPE for a PEM or JWK of
 * another algorithm (the message names it), INVALID_KEY_FORMAT for anything malformed or not 32 bytes.
 *
 * @example
 * const publicKey = parseKey('d75a9801...511a', 'hex');
 * const seed = parseKey(pemText, 'pem', { keyType: 'private' });
 */
export function parseKey(
  data: string | Uint8Array | object,
  format: KeyFormat,
  options: ParseKeyOptions = {},
): Uint8Array {
  return parseKeyDetailed(data, format, options).key;
}
