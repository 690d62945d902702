import { PRIVATE_KEY_LENGTH } from './types.js';

/**
 * RFC 8410 §7: the 16 bytes before the seed in a version-1 PKCS#8 Ed25519 key, as OpenSSL writes
 * them. The one copy: key formatting, the WebCrypto backend's key import and its start-up probe
 * all build their DER from it. It imports nothing that signs, so the signature backends can use
 * it without an import cycle.
 */
const PKCS8_V1_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

/**
 * DER of a PKCS#8 v1 PrivateKeyInfo holding a 32-byte Ed25519 seed (RFC 8410 §7), byte for byte
 * what `openssl genpkey -algorithm ed25519 -outform DER` writes. The caller checks the seed's
 * length and wipes the result when it is done with it.
 *
 * @example
 * const der = encodePkcs8(seed); // 48 bytes
 */
export function encodePkcs8(seed: Uint8Array): Uint8Array<ArrayBuffer> {
  const der = new Uint8Array(PKCS8_V1_PREFIX.length + PRIVATE_KEY_LENGTH);
  der.set(PKCS8_V1_PREFIX);
  der.set(seed, PKCS8_V1_PREFIX.length);
  return der;
}
