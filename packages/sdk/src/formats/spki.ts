import { Ed25519KeyError } from '../errors/datafold-error.js';
import { PUBLIC_KEY_LENGTH } from '../keys/types.js';
import { readEd25519AlgorithmIdentifier } from './algorithm-identifier.js';
import { DER_TAG, DerReader } from './der-reader.js';

/** RFC 8410 §4: the 12 bytes before the key in an Ed25519 SubjectPublicKeyInfo. */
const SPKI_PREFIX = Uint8Array.from([
  0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
]);

/**
 * DER of the SubjectPublicKeyInfo of an Ed25519 public key (RFC 8410 §4), as `openssl pkey -pubout
 * -outform DER` writes it.
 *
 * @example
 * const der = encodeSpki(publicKey); // 44 bytes
 */
export function encodeSpki(publicKey: Uint8Array): Uint8Array {
  const der = new Uint8Array(SPKI_PREFIX.length + PUBLIC_KEY_LENGTH);
  der.set(SPKI_PREFIX);
  der.set(publicKey, SPKI_PREFIX.length);
  return der;
}

/**
 * Reads an Ed25519 SubjectPublicKeyInfo (RFC 5280 §4.1.2.7, RFC 8410 §4) and returns the 32-byte
 * public key. Other algorithms are UNSUPPORTED_KEY_TYPE; anything malformed INVALID_KEY_FORMAT.
 *
 * @example
 * const publicKey = decodeSpki(der);
 */
export function decodeSpki(der: Uint8Array): Uint8Array {
  const outer = new DerReader(der, 'SPKI public key');
  const info = outer.sequence('SubjectPublicKeyInfo');
  outer.finish();
  readEd25519AlgorithmIdentifier(info, 'SPKI public key');
  const bits = info.expect(DER_TAG.BIT_STRING, 'subjectPublicKey').contents;
  info.finish();
  if (bits.length !== PUBLIC_KEY_LENGTH + 1 || bits[0] !== 0) {
    throw new Ed25519KeyError(
      'INVALID_KEY_FORMAT',
      'SPKI public key: the Ed25519 key must be a 32-byte BIT STRING',
    );
  }
  return new Uint8Array(bits.subarray(1));
}
