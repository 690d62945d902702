import { base64UrlToBytes } from '../encoding/base64.js';
import { encodePkcs8 } from '../keys/encode-pkcs8.js';
import { toBufferSource } from '../platform/webcrypto.js';
import { KeyCache } from './key-cache.js';
import { isPending } from './pending.js';
import { publicKeyPassesPrechecks } from './strict-checks.js';
import type { Ed25519Backend } from './backend-types.js';

const ED25519: Algorithm = { name: 'Ed25519' };

function jwkMember(jwk: JsonWebKey, name: 'x' | 'd'): Uint8Array {
  const value = jwk[name];
  const bytes =
    typeof value === 'string' ? base64UrlToBytes(value, 'KEY_GENERATION_FAILED') : undefined;
  if (bytes?.length !== 32)
    throw new Error(`WebCrypto exported an Ed25519 JWK without a 32-byte ${name}`);
  return bytes;
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
    const der = encodePkcs8(seed);
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
      return new Uint8Array(await subtle.sign(ED25519, resolved, toBufferSource(message)));
    },

    verify(signature, message, publicKey) {
      let key = publicKeys.get(publicKey);
      if (key === undefined) key = importPublic(publicKey);
      if (key === null) return false;
      if (!isPending(key)) {
        // Hot path: no await before the native call, so nothing can change the bytes in between.
        return subtle.verify(ED25519, key, toBufferSource(signature), toBufferSource(message));
      }
      // First use of this key: snapshot the inputs, since the caller may reuse them meanwhile.
      const sig = new Uint8Array(signature);
      const msg = new Uint8Array(message);
      return key.then((k) => (k === null ? false : subtle.verify(ED25519, k, sig, msg)));
    },

    async publicKey(seed) {
      // Extractable only for this one export; the signing cache keeps non-extractable keys.
      const der = encodePkcs8(seed);
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
