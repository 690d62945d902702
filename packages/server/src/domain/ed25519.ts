import sodium from 'sodium-native';
import { isValidPublicKey } from '@datafold/js-sdk';
import { hasSmallOrderEncoding, isCanonicalPointEncoding } from '@datafold/js-sdk/hazmat';

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

/** The base point, a fixed valid second operand for the decoding probe below. */
const BASE_POINT = Buffer.from(
  '5866666666666666666666666666666666666666666666666666666666666666',
  'hex',
);
const scratch = Buffer.alloc(32);

/**
 * WIRE-PROTOCOL.md register check 4: a canonical encoding of a point on the curve that is not of
 * small order (the all-zero key is one). The SDK's policy decides (spec/ed25519-verification.md),
 * checked here in its order with its own byte checks (`@datafold/js-sdk/hazmat`): canonical y,
 * not one of the small-order encodings (sign bit ignored, so x = 0 never remains), then
 * decoding. libsodium's point addition decodes its operands (RFC 8032 §5.1.3: x must exist) and
 * refuses a point off the curve; it costs a quarter of `crypto_core_ed25519_is_valid_point`,
 * whose prime-order subgroup check the policy does not ask for. Any key libsodium refuses goes
 * to the SDK's own check, so the server never refuses a key an SDK accepts.
 *
 * @example
 * isAcceptablePublicKey(publicKeyBytes); // false for 32 zero bytes
 */
export function isAcceptablePublicKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== 32) return false;
  if (!isCanonicalPointEncoding(publicKey) || hasSmallOrderEncoding(publicKey)) return false;
  try {
    sodium.crypto_core_ed25519_add(scratch, asBuffer(publicKey), BASE_POINT);
    return true;
  } catch {
    return isValidPublicKey(publicKey);
  }
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}
