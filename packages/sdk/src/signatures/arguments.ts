import { Ed25519KeyError } from '../errors/datafold-error.js';
import { isBytes } from '../encoding/bytes.js';
import { utf8ToBytes } from '../encoding/utf8.js';
import { PUBLIC_KEY_LENGTH, SIGNATURE_LENGTH } from '../keys/types.js';

/**
 * The bytes that get signed: strings as UTF-8 (so every face signs the same bytes for the same
 * text), bytes as given. Anything else is INVALID_MESSAGE. The empty message is valid Ed25519
 * input (RFC 8032 §7.1 TEST 1).
 *
 * @example
 * messageBytes('héllo'); // Uint8Array [104, 195, 169, 108, 108, 111]
 */
export function messageBytes(message: unknown): Uint8Array {
  if (typeof message === 'string') return utf8ToBytes(message);
  if (isBytes(message)) return message;
  throw new Ed25519KeyError(
    'INVALID_MESSAGE',
    'message must be a string (signed as UTF-8) or a Uint8Array',
  );
}

/**
 * Throws INVALID_SIGNATURE unless `signature` is a 64-byte Uint8Array (RFC 8032 §5.1.6).
 *
 * @example
 * assertSignatureShape(signature);
 */
export function assertSignatureShape(
  signature: unknown,
  what = 'signature',
): asserts signature is Uint8Array {
  if (!isBytes(signature)) {
    throw new Ed25519KeyError('INVALID_SIGNATURE', `${what} must be a Uint8Array of 64 bytes`);
  }
  if (signature.length !== SIGNATURE_LENGTH) {
    throw new Ed25519KeyError(
      'INVALID_SIGNATURE',
      `${what} must be 64 bytes, got ${signature.length}`,
      { length: signature.length },
    );
  }
}

/**
 * Throws INVALID_PUBLIC_KEY unless `publicKey` is a 32-byte Uint8Array. Whether the bytes are a
 * valid point is the verification policy's business (verify answers false), not a type error.
 *
 * @example
 * assertPublicKeyShape(publicKey);
 */
export function assertPublicKeyShape(
  publicKey: unknown,
  what = 'publicKey',
): asserts publicKey is Uint8Array {
  if (!isBytes(publicKey)) {
    throw new Ed25519KeyError('INVALID_PUBLIC_KEY', `${what} must be a Uint8Array of 32 bytes`);
  }
  if (publicKey.length !== PUBLIC_KEY_LENGTH) {
    throw new Ed25519KeyError(
      'INVALID_PUBLIC_KEY',
      `${what} must be 32 bytes, got ${publicKey.length}`,
      { length: publicKey.length },
    );
  }
}
