import { PlatformError } from '../errors/datafold-error.js';

/**
 * The platform's SubtleCrypto, or a coded error saying it is missing. Browsers expose it only in
 * secure contexts (HTTPS or localhost), which is the usual reason it is absent.
 */
export function getSubtle(): SubtleCrypto {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new PlatformError(
      'WEBCRYPTO_NOT_AVAILABLE',
      'WebCrypto (crypto.subtle) is not available: use a current browser over HTTPS or localhost, or Node.js 20+',
    );
  }
  return subtle;
}

/** `length` bytes from the platform's secure random source. */
export function randomBytes(length: number): Uint8Array {
  const cryptoObject = globalThis.crypto;
  if (!cryptoObject || typeof cryptoObject.getRandomValues !== 'function') {
    throw new PlatformError(
      'SECURE_RANDOM_NOT_AVAILABLE',
      'crypto.getRandomValues is not available on this platform',
    );
  }
  const out = new Uint8Array(length);
  // getRandomValues fills at most 65536 bytes per call.
  for (let offset = 0; offset < length; offset += 65536) {
    cryptoObject.getRandomValues(out.subarray(offset, Math.min(length, offset + 65536)));
  }
  return out;
}

/**
 * Copies `bytes` into a fresh ArrayBuffer-backed view. WebCrypto's TypeScript types reject views
 * over SharedArrayBuffer, and a copy also keeps callers' later mutations out of in-flight work.
 */
export function toBufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}
