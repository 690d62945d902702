import { assertPublicKeyShape, assertSignatureShape, messageBytes } from './arguments.js';
import { currentBackend } from './backend-selection.js';
import { signaturePassesPrechecks } from './strict-checks.js';

/**
 * Verifies an Ed25519 signature under the strict policy of spec/ed25519-verification.md (RFC 8032
 * with libsodium's rules: S < L, canonical A, A and R not of small order, cofactorless equation).
 * Answers false for any signature that fails, including keys the policy rejects; throws a coded
 * error only for wrong types or lengths (INVALID_SIGNATURE, INVALID_MESSAGE, INVALID_PUBLIC_KEY).
 *
 * @example
 * if (!(await verify(signature, 'hello', publicKey))) throw new Error('bad signature');
 */
export async function verify(
  signature: Uint8Array,
  message: string | Uint8Array,
  publicKey: Uint8Array,
): Promise<boolean> {
  return verifyNowOrLater(signature, message, publicKey);
}

/**
 * {@link verify} without a promise where none is needed: a backend that verifies on the calling
 * thread (the 'node' backend once its addon is loaded) answers a boolean, so a caller doing many
 * verifications per second (the signed-request middleware) skips a microtask per call. Throws
 * synchronously where `verify` rejects. @internal
 */
export function verifyNowOrLater(
  signature: Uint8Array,
  message: string | Uint8Array,
  publicKey: Uint8Array,
): boolean | Promise<boolean> {
  assertSignatureShape(signature);
  const bytes = messageBytes(message);
  assertPublicKeyShape(publicKey);
  if (!signaturePassesPrechecks(signature)) return false;
  const backend = currentBackend();
  return 'then' in backend
    ? backend.then((resolved) => resolved.verify(signature, bytes, publicKey))
    : backend.verify(signature, bytes, publicKey);
}
