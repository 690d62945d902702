import { Ed25519KeyError } from '../errors/datafold-error.js';
import { bytesToBase64 } from '../encoding/base64.js';
import { isBytes } from '../encoding/bytes.js';
import { bytesToHex } from '../encoding/hex.js';
import { getPublicKeySync } from '../keys/get-public-key.js';
import type { Ed25519KeyPair } from '../keys/types.js';
import { toJwk } from './jwk.js';
import { assertKeyFormat, assertKeyType, type KeyFormat, type KeyType } from './key-format.js';
import { armorPem } from './pem.js';
import { encodePkcs8 } from '../keys/encode-pkcs8.js';
import { encodeSpki } from './spki.js';

/** Options of `formatKey`. */
export interface FormatKeyOptions {
  /** Required to write 32 raw bytes as 'pem' or 'jwk', which differ for private and public keys. */
  keyType?: KeyType;
}

function isKeyPair(value: unknown): value is Ed25519KeyPair {
  return (
    typeof value === 'object' &&
    value !== null &&
    isBytes((value as Ed25519KeyPair).privateKey) &&
    isBytes((value as Ed25519KeyPair).publicKey)
  );
}

function assert32(key: Uint8Array, what: string): void {
  if (key.length !== 32) {
    throw new Ed25519KeyError('INVALID_KEY_FORMAT', `${what} must be 32 bytes, got ${key.length}`, {
      length: key.length,
    });
  }
}

/**
 * Writes a key as:
 * - 'hex' (lowercase), 'base64' (standard, padded), 'uint8array' (a copy) — the 32 bytes as they are;
 * - 'pem' — PKCS#8 v1 "PRIVATE KEY" or SPKI "PUBLIC KEY" (RFC 8410), as `openssl pkey` writes them;
 * - 'jwk' — RFC 8037 JSON text: `{"kty":"OKP","crv":"Ed25519","x":...}`, plus `d` when private.
 *
 * For 'pem' and 'jwk' pass an Ed25519KeyPair (written as the private key) or 32 bytes with
 * `{ keyType }`. Throws UNSUPPORTED_FORMAT for an unknown format, INVALID_KEY_FORMAT for a key that
 * is not 32 bytes, INVALID_ARGUMENT for a missing keyType or a pair whose halves do not match.
 *
 * @example
 * formatKey(keyPair.publicKey, 'hex');                         // '3d4017c3...'
 * formatKey(keyPair, 'pem');                                    // '-----BEGIN PRIVATE KEY-----\n...'
 * formatKey(keyPair.publicKey, 'jwk', { keyType: 'public' });   // '{"kty":"OKP",...}'
 */
export function formatKey(
  key: Uint8Array,
  format: 'uint8array',
  options?: FormatKeyOptions,
): Uint8Array;
export function formatKey(
  key: Uint8Array | Ed25519KeyPair,
  format: 'hex' | 'base64' | 'pem' | 'jwk',
  options?: FormatKeyOptions,
): string;
export function formatKey(
  key: Uint8Array | Ed25519KeyPair,
  format: KeyFormat,
  options?: FormatKeyOptions,
): string | Uint8Array;
export function formatKey(
  key: Uint8Array | Ed25519KeyPair,
  format: KeyFormat,
  options: FormatKeyOptions = {},
): string | Uint8Array {
  assertKeyFormat(format);
  if (typeof options !== 'object' || options === null) {
    throw new Ed25519KeyError('INVALID_ARGUMENT', 'options must be an object like { keyType }');
  }
  assertKeyType(options.keyType);
  if (format === 'hex' || format === 'base64' || format === 'uint8array') {
    if (!isBytes(key)) {
      throw new Ed25519KeyError(
        'INVALID_ARGUMENT',
        isKeyPair(key)
          ? `format '${format}' writes one key: pass keyPair.privateKey or keyPair.publicKey`
          : 'key must be a 32-byte Uint8Array',
        { argument: 'key' },
      );
    }
    assert32(key, 'key');
    if (format === 'hex') return bytesToHex(key);
    if (format === 'base64') return bytesToBase64(key);
    return new Uint8Array(key);
  }
  let seed: Uint8Array | undefined;
  let publicKey: Uint8Array;
  if (isKeyPair(key)) {
    if (options.keyType === 'public') {
      publicKey = key.publicKey;
      assert32(publicKey, 'keyPair.publicKey');
    } else {
      seed = key.privateKey;
      assert32(seed, 'keyPair.privateKey');
      publicKey = getPublicKeySync(seed);
      if (publicKey.some((byte, i) => byte !== key.publicKey[i]) || key.publicKey.length !== 32) {
        throw new Ed25519KeyError(
          'INVALID_ARGUMENT',
          'keyPair.publicKey does not belong to keyPair.privateKey',
          {
            argument: 'key',
          },
        );
      }
    }
  } else if (isBytes(key)) {
    assert32(key, 'key');
    if (options.keyType === undefined) {
      // Bytes do not say which half they are, and guessing could write a seed as a "public"
      // key: the caller says, and the message shows the call for each half.
      throw new Ed25519KeyError(
        'INVALID_ARGUMENT',
        `32 raw bytes are ambiguous for '${format}': call formatKey(keyPair.privateKey, '${format}', { keyType: 'private' }) for a private key, or formatKey(keyPair.publicKey, '${format}', { keyType: 'public' }) for a public one (formatKey(keyPair, '${format}') writes the private key of a pair)`,
        { argument: 'keyType' },
      );
    }
    if (options.keyType === 'private') {
      seed = key;
      publicKey = getPublicKeySync(key);
    } else {
      publicKey = key;
    }
  } else {
    throw new Ed25519KeyError(
      'INVALID_ARGUMENT',
      'key must be a 32-byte Uint8Array or an Ed25519KeyPair',
      {
        argument: 'key',
      },
    );
  }
  if (format === 'pem') {
    if (seed === undefined) return armorPem('PUBLIC KEY', encodeSpki(publicKey));
    const der = encodePkcs8(seed);
    try {
      return armorPem('PRIVATE KEY', der);
    } finally {
      der.fill(0);
    }
  }
  return JSON.stringify(toJwk(publicKey, seed));
}
