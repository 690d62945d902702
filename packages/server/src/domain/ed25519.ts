import sodium from 'sodium-native';
import { isValidPublicKey } from '@datafold/js-sdk';

/**
 * Strict Ed25519 verification (RFC 8032 §5.1.7, cofactorless) with libsodium, the server's hot
 * path. libsodium's `crypto_sign_verify_detached` already applies the project's policy
 * (spec/ed25519-verification.md): it rejects S >= L, a non-canonical A, and small-order A and R,
 * so it accepts and rejects exactly what the SDKs do.
 *
 * @example
 * verifyEd25519(signature, messageBytes, publicKey); // true or false, never throws on bad bytes
 */
export function verifyEd25519(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  return sodium.crypto_sign_verify_detached(
    asBuffer(signature),
    asBuffer(message),
    asBuffer(publicKey),
  );
}

/**
 * WIRE-PROTOCOL.md register check 4: a canonical encoding of a point on the curve that is not of
 * small order (the all-zero key is one). The SDK's `isValidPublicKey` decides, so the server and
 * every SDK agree; libsodium's `crypto_core_ed25519_is_valid_point` answers first because it is
 * ~3x faster and accepts a subset of what the SDK accepts (it also demands the prime-order
 * subgroup), so only keys it refuses (invalid ones, or rare mixed-order points) reach the SDK.
 *
 * @example
 * isAcceptablePublicKey(publicKeyBytes); // false for 32 zero bytes
 */
export function isAcceptablePublicKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== 32) return false;
  if (sodium.crypto_core_ed25519_is_valid_point(asBuffer(publicKey))) return true;
  return isValidPublicKey(publicKey);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}
