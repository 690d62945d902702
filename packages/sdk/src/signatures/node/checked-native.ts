import { rfc8032Test1 } from '../rfc8032-test1.js';
import type { NativeEd25519 } from './native-ed25519.js';

/**
 * Whether a native library signs RFC 8032 TEST 1 to exactly the published signature and derives
 * the published public key, as WebCrypto must before the SDK signs with it (webcrypto-probe.ts).
 * A Node whose OpenSSL lacks Ed25519 (a FIPS build) fails here once, at load, and the node backend
 * leaves private-key operations to the portable backend instead of failing every later call.
 *
 * @example
 * const signer = nativeSignsKnownAnswer(native) ? native : await portable();
 */
export function nativeSignsKnownAnswer(native: NativeEd25519): boolean {
  const { seed, publicKey, signature } = rfc8032Test1();
  try {
    const signed = native.sign(seed, new Uint8Array(0));
    const derived = native.publicKey(seed);
    return sameBytes(signed, signature) && sameBytes(derived, publicKey);
  } catch {
    return false;
  } finally {
    native.forget(seed);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
