import { base64UrlToBytes } from '../encoding/base64.js';
import { KeyCache } from './key-cache.js';
import { publicKeyPassesPrechecks } from './strict-checks.js';
import type { Ed25519Backend } from './backend-types.js';

const ED25519: Algorithm = { name: 'Ed25519' };

/** RFC 8410 §7 PKCS#8 v1 header for a 32-byte Ed25519 seed: the seed follows these 16 bytes. */
const PKCS8_ED25519_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

/**
 * WebCrypto wants views over ArrayBuffer; only views over SharedArrayBuffer need a copy. The API
 * copies the bytes itself when the call starts (WebCrypto §14.3 "get a copy of the bytes").
 */
function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? (bytes as Uint8Array<ArrayBuffer>)
    : new Uint8Array(bytes);
}

function jwkMember(jwk: JsonWebKey, name: 'x' | 'd'): Uint8Array {
  const value = jwk[name];
  const bytes =
    typeof value === 'string' ? base64UrlToBytes(value, 'KEY_GENERATION_FAILED') : undefined;
  if (bytes?.length !== 32)
    throw new Error(`WebCrypto exported an Ed25519 JWK without a 32-byte ${name}`);
  return bytes;
}

// Not `instanceof CryptoKey`: some runtimes lack the global constructor.
function isPending<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown }).then === 'function';
}

function pkcs8FromSeed(seed: Uint8Array): Uint8Array<ArrayBuffer> {
  const der = new Uint8Array(48);
  der.set(PKCS8_ED25519_PREFIX);
  der.set(seed, 16);
  return der;
}

/**
 * Ed25519 through the platform's WebCrypto (native in Node 20 and current browsers). Native
 * libraries differ on non-canonical and small-order encodings, so the strict pre-checks of
 * strict-checks.ts run first and the native verify decides only the cofactorless equation.
 *
 * @example
 * const backend = createWebCryptoBackend(crypto.subtle);
 * const signature = await backend.sign(seed, message);
 */
export function createWebCryptoBackend(subtle: SubtleCrypto): Ed25519Backend {
  // Entries hold a promise while the import is in flight, so concurrent first uses import once.
  const privateKeys = new KeyCache<CryptoKey | Promise<CryptoKey>>(0);
  // `null` marks a public key the policy rejects or the platform cannot import.
  const publicKeys = new KeyCache<CryptoKey | null | Promise<CryptoKey | null>>(256);

  function importPrivate(seed: Uint8Array): Promise<CryptoKey> {
    const der = pkcs8FromSeed(seed);
    const pending = subtle
      .importKey('pkcs8', der, ED25519, false, ['sign'])
      .finally(() => der.fill(0));
    void privateKeys.set(seed, pending);
    void pending.then(
      (key) => privateKeys.settle(seed, pending, key),
      () => privateKeys.forget(seed),
    );
    return pending;
  }

  function importPublic(publicKey: Uint8Array): CryptoKey | null | Promise<CryptoKey | null> {
    if (!publicKeyPassesPrechecks(publicKey)) return publicKeys.set(publicKey, null);
    const pending = subtle
      .importKey('raw', new Uint8Array(publicKey), ED25519, false, ['verify'])
      .catch(() => null); // A platform that refuses the bytes is refusing a key that cannot decode.
    void publicKeys.set(publicKey, pending);
    void pending.then((key) => publicKeys.settle(publicKey, pending, key));
    return pending;
  }

  return {
    name: 'webcrypto',

    async sign(seed, message) {
      const key = privateKeys.get(seed) ?? importPrivate(seed);
      const resolved = isPending(key) ? await key : key;
      return new Uint8Array(await subtle.sign(ED25519, resolved, bufferSource(message)));
    },

    verify(signature, message, publicKey) {
      let key = publicKeys.get(publicKey);
      if (key === undefined) key = importPublic(publicKey);
      if (key === null) return false;
      if (!isPending(key)) {
        // Hot path: no await before the native call, so nothing can change the bytes in between.
        return subtle.verify(ED25519, key, bufferSource(signature), bufferSource(message));
      }
      // First use of this key: snapshot the inputs, since the caller may reuse them meanwhile.
      const sig = new Uint8Array(signature);
      const msg = new Uint8Array(message);
      return key.then((k) => (k === null ? false : subtle.verify(ED25519, k, sig, msg)));
    },

    async publicKey(seed) {
      // Extractable only for this one export; the signing cache keeps non-extractable keys.
      const der = pkcs8FromSeed(seed);
      try {
        const key = await subtle.importKey('pkcs8', der, ED25519, true, ['sign']);
        return jwkMember(await subtle.exportKey('jwk', key), 'x');
      } finally {
        der.fill(0);
      }
    },

    async generate() {
      const pair = (await subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
      // One export gives both halves (RFC 8037 §2: d is the seed, x the public key).
      const jwk = await subtle.exportKey('jwk', pair.privateKey);
      const privateKey = jwkMember(jwk, 'd');
      const publicKey = jwkMember(jwk, 'x');
      // Warm the caches with the keys we already hold, so the first sign/verify imports nothing.
      void privateKeys.set(privateKey, pair.privateKey);
      void publicKeys.set(publicKey, pair.publicKey);
      return { privateKey, publicKey };
    },

    forget(key) {
      privateKeys.forget(key);
      publicKeys.forget(key);
    },

    clear() {
      privateKeys.clear();
      publicKeys.clear();
    },
  };
}
