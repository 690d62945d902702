import { isBytes } from '../encoding/bytes.js';
import { hexToBytesIfHex } from '../encoding/hex.js';
import { Ed25519KeyError } from '../errors/datafold-error.js';
import { detectKeyFormat } from '../formats/detect-key-format.js';
import type { Ed25519Jwk } from '../formats/jwk.js';
import { parseKeyDetailed } from '../formats/parse-key.js';
import { sha256Base64 } from '../platform/sha256-base64.js';
import { PUBLIC_KEY_LENGTH } from './types.js';

/** What every key fingerprint starts with (spec/key-fingerprint-v1.md §2). */
export const KEY_FINGERPRINT_PREFIX = 'SHA256:';

/**
 * Base64 characters a shortened fingerprint keeps after the prefix: 96 bits, the floor of
 * spec/key-fingerprint-v1.md §4.
 */
export const SHORT_FINGERPRINT_CHARACTERS = 16;

/**
 * The SSH wire encoding of an Ed25519 public key before its bytes (RFC 8709 §4): "ssh-ed25519" as
 * an SSH `string` (RFC 4251 §5: a uint32 length, then the bytes), then the uint32 length of the
 * 32-byte key `string` that follows.
 */
const WIRE_PREFIX = Uint8Array.from([
  0,
  0,
  0,
  11,
  ...Array.from('ssh-ed25519', (c) => c.charCodeAt(0)),
  0,
  0,
  0,
  PUBLIC_KEY_LENGTH,
]);

/** The 32 public key bytes of any form `keyFingerprint` takes. */
function publicKeyBytes(publicKey: Uint8Array | string | Ed25519Jwk): Uint8Array {
  // Exactly 64 hex digits, nothing around them: the form a server stores keys in, fingerprinted
  // for every row of its listing. `detectKeyFormat` calls such text hex and `parseKey` reads it as
  // these 32 bytes, so going straight to them gives the same answer without the detour.
  if (typeof publicKey === 'string' && publicKey.length === 2 * PUBLIC_KEY_LENGTH) {
    const bytes = hexToBytesIfHex(publicKey);
    if (bytes) return bytes;
  }
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
 * Synchronous and without WebCrypto, so it works on any origin and in any runtime: pure
 * JavaScript, or node:crypto's SHA-256 under the Node entries (platform/sha256-base64.ts).
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
  const wire = new Uint8Array(WIRE_PREFIX.length + PUBLIC_KEY_LENGTH);
  wire.set(WIRE_PREFIX);
  wire.set(publicKeyBytes(publicKey), WIRE_PREFIX.length);
  // 32 bytes are 44 base64 characters, the last one "=" (unpadded: §2).
  return KEY_FINGERPRINT_PREFIX + sha256Base64(wire).slice(0, -1);
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
