import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToBase64 } from '../encoding/base64.js';
import { isBytes } from '../encoding/bytes.js';
import { Ed25519KeyError } from '../errors/datafold-error.js';
import { detectKeyFormat } from '../formats/detect-key-format.js';
import type { Ed25519Jwk } from '../formats/jwk.js';
import { parseKeyDetailed } from '../formats/parse-key.js';
import { PUBLIC_KEY_LENGTH } from './types.js';

/** What every key fingerprint starts with (spec/key-fingerprint-v1.md §2). */
export const KEY_FINGERPRINT_PREFIX = 'SHA256:';

/**
 * Base64 characters a shortened fingerprint keeps after the prefix: 96 bits, the floor of
 * spec/key-fingerprint-v1.md §4.
 */
export const SHORT_FINGERPRINT_CHARACTERS = 16;

/** "ssh-ed25519" as an SSH `string` (RFC 4251 §5): a uint32 length, then the bytes. */
const KEY_TYPE_STRING = Uint8Array.from([
  0,
  0,
  0,
  11,
  ...Array.from('ssh-ed25519', (c) => c.charCodeAt(0)),
]);
/** The uint32 length of the 32-byte key `string` that follows (RFC 8709 §4). */
const KEY_LENGTH_PREFIX = Uint8Array.from([0, 0, 0, PUBLIC_KEY_LENGTH]);

/** The 32 public key bytes of any form `keyFingerprint` takes. */
function publicKeyBytes(publicKey: Uint8Array | string | Ed25519Jwk): Uint8Array {
  if (isBytes(publicKey)) {
    if (publicKey.length !== PUBLIC_KEY_LENGTH) {
      throw new Ed25519KeyError(
        'INVALID_PUBLIC_KEY',
        `publicKey must be 32 bytes, got ${publicKey.length}`,
      );
    }
    return publicKey;
  }
  const format = typeof publicKey === 'string' ? detectKeyFormat(publicKey) : ('jwk' as const);
  if (format === undefined) {
    throw new Ed25519KeyError(
      'INVALID_KEY_FORMAT',
      'publicKey must be 32 bytes, or a public key in hex, base64, PEM or JWK',
    );
  }
  // keyType 'public': a private PEM or JWK is refused rather than quietly fingerprinted.
  return parseKeyDetailed(publicKey, format, { keyType: 'public' }).key;
}

/**
 * The key's fingerprint as spec/key-fingerprint-v1.md defines it: `SHA256:` and the unpadded
 * base64 of SHA-256 over the key's SSH wire encoding, the text `ssh-keygen -l` prints for the
 * same key. It names the key, not the client: a rotated client has a new fingerprint.
 *
 * Synchronous and pure JavaScript (no WebCrypto), so it works on any origin and in any runtime.
 * `publicKey` is the 32 raw bytes or a public key in any text form `parseKey` reads (hex, padded
 * base64, PEM, JWK object or JSON), detected as `detectKeyFormat` does. Only the shape is checked
 * (32 bytes); `assertValidPublicKey` says whether the bytes are a usable key.
 *
 * Throws INVALID_PUBLIC_KEY for bytes that are not 32 long, INVALID_KEY_FORMAT for text of no key
 * shape or a private PEM/JWK.
 *
 * @example
 * keyFingerprint('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
 * // 'SHA256:…' (43 base64 characters after the prefix)
 * keyFingerprint(keyPair.publicKey);
 */
export function keyFingerprint(publicKey: Uint8Array | string | Ed25519Jwk): string {
  const key = publicKeyBytes(publicKey);
  const digest = sha256
    .create()
    .update(KEY_TYPE_STRING)
    .update(KEY_LENGTH_PREFIX)
    .update(key)
    .digest();
  return KEY_FINGERPRINT_PREFIX + bytesToBase64(digest).replace(/=+$/, '');
}

/**
 * The display form for narrow places (spec/key-fingerprint-v1.md §4): the prefix, the first 16
 * base64 characters and "…". For eyes only: never compare or look keys up by it; show the full
 * fingerprint nearby (a title, a copy button).
 *
 * @example
 * shortKeyFingerprint(keyFingerprint(publicKey)); // 'SHA256:abcdefghijklmnop…'
 */
export function shortKeyFingerprint(fingerprint: string): string {
  const keep = KEY_FINGERPRINT_PREFIX.length + SHORT_FINGERPRINT_CHARACTERS;
  return fingerprint.length <= keep ? fingerprint : `${fingerprint.slice(0, keep)}…`;
}
