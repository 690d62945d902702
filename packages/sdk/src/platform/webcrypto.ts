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
 * `bytes` as the BufferSource WebCrypto's TypeScript types accept: the view itself when it is over
 * an ArrayBuffer, a copy only when it is over a SharedArrayBuffer (or a buffer of another realm).
 * No other copy is needed, and none is made, so no stray copy of a key or passphrase is left for
 * the garbage collector: WebCrypto takes its own copy of the bytes when the call starts (WebCrypto
 * §14.3, "get a copy of the bytes held by the buffer source"), so later changes to `bytes` cannot
 * reach work in flight. The one helper for every WebCrypto call in the SDK.
 *
 * @example
 * await crypto.subtle.digest('SHA-256', toBufferSource(message));
 */
export function toBufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? (bytes as Uint8Array<ArrayBuffer>)
    : new Uint8Array(bytes);
}

/**
 * A random UUID version 4 (RFC 9562 §5.4) from the platform's secure random source, where
 * `crypto.randomUUID` may be missing (insecure contexts, older runtimes).
 *
 * @example
 * randomUuid(); // '3b241101-e2bb-4255-8caf-4136c566a962'
 */
export function randomUuid(): string {
  const b = randomBytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
