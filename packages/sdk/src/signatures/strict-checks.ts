/**
 * Byte-level checks of the strict verification policy (spec/ed25519-verification.md). They run
 * before any curve arithmetic, so every backend (WebCrypto, noble) rejects exactly the same
 * encodings libsodium rejects, whatever the native library underneath would have tolerated.
 */

/** The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
const L_LE = Uint8Array.from([
  0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
]);

/**
 * libsodium's `ge25519_has_small_order` blacklist: the y-coordinates of the 8 points of order
 * 1, 2, 4 and 8 (5 distinct y values: 0, 1, p-1 and the two order-8 y values), plus the
 * non-canonical encodings p and p+1 of y = 0 and y = 1. Compared with the sign bit (bit 255)
 * masked, so both x signs of each y are caught, including "negative zero" encodings.
 */
const SMALL_ORDER_Y: readonly Uint8Array[] = [
  // y = 0: the two points of order 4
  new Uint8Array(32),
  // y = 1: the identity (order 1)
  Uint8Array.from([1, ...new Array<number>(31).fill(0)]),
  // order 8, y = 2707385501144840649318225287225658788936804267575313519463743609750303402022
  Uint8Array.from([
    0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0,
    0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05,
  ]),
  // order 8, y = 55188659117513257062467267217118295137698188065244968500265048394206261417927
  Uint8Array.from([
    0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f,
    0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a,
  ]),
  // y = p - 1: the point of order 2
  Uint8Array.from([0xec, ...new Array<number>(30).fill(0xff), 0x7f]),
  // y = p (non-canonical 0) and y = p + 1 (non-canonical 1)
  Uint8Array.from([0xed, ...new Array<number>(30).fill(0xff), 0x7f]),
  Uint8Array.from([0xee, ...new Array<number>(30).fill(0xff), 0x7f]),
];

/**
 * True when the 32 bytes at `offset` encode an integer S < L (RFC 8032 §5.1.7 step 1: "If the
 * decoding fails ... S ... must be in the range 0 <= s < L").
 *
 * @example
 * isCanonicalScalar(signature, 32); // checks S, the second half of a signature
 */
export function isCanonicalScalar(bytes: Uint8Array, offset = 0): boolean {
  // Little-endian: compare from the most significant byte down.
  for (let i = 31; i >= 0; i--) {
    const b = bytes[offset + i]!;
    const l = L_LE[i]!;
    if (b < l) return true;
    if (b > l) return false;
  }
  return false; // S == L
}

/**
 * True when the 32 bytes at `offset` hold a y-coordinate below p = 2^255 - 19 (RFC 8032 §5.1.3
 * step 1). The sign bit is ignored, as libsodium's `ge25519_is_canonical` does.
 *
 * @example
 * isCanonicalPointEncoding(publicKey); // false for y >= p
 */
export function isCanonicalPointEncoding(bytes: Uint8Array, offset = 0): boolean {
  if ((bytes[offset + 31]! & 0x7f) !== 0x7f) return true;
  for (let i = 30; i >= 1; i--) if (bytes[offset + i] !== 0xff) return true;
  return bytes[offset]! < 0xed;
}

/**
 * True when the 32 bytes at `offset` match an entry of libsodium's small-order blacklist with
 * the sign bit masked. Used on A (the public key) and on R (the first half of a signature).
 *
 * @example
 * hasSmallOrderEncoding(new Uint8Array(32)); // true: y = 0 has order 4
 */
export function hasSmallOrderEncoding(bytes: Uint8Array, offset = 0): boolean {
  for (const entry of SMALL_ORDER_Y) {
    let diff = (bytes[offset + 31]! & 0x7f) ^ entry[31]!;
    for (let i = 0; i < 31 && diff === 0; i++) diff |= bytes[offset + i]! ^ entry[i]!;
    if (diff === 0) return true;
  }
  return false;
}

/**
 * The pre-checks a signature must pass before any equation is checked: S < L and R not of small
 * order. A non-canonical R needs no check of its own: the equation compares R's bytes with a
 * canonical encoding, so it can never match.
 *
 * @example
 * if (!signaturePassesPrechecks(signature)) return false;
 */
export function signaturePassesPrechecks(signature: Uint8Array): boolean {
  return isCanonicalScalar(signature, 32) && !hasSmallOrderEncoding(signature, 0);
}

/**
 * The byte-level public-key checks of the policy: canonical y and not blacklisted. A key that
 * passes may still fail to decode (no x for that y); backends reject those when decoding.
 *
 * @example
 * publicKeyPassesPrechecks(publicKey);
 */
export function publicKeyPassesPrechecks(publicKey: Uint8Array): boolean {
  return isCanonicalPointEncoding(publicKey) && !hasSmallOrderEncoding(publicKey);
}
