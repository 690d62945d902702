/// <reference types="node" />
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign as nodeSign,
  verify as nodeVerify,
  type KeyObject,
} from 'node:crypto';
import { base64UrlToBytes, bytesToBase64Url } from '../../encoding/base64.js';
import { encodePkcs8 } from '../../keys/encode-pkcs8.js';
import { KeyCache } from '../key-cache.js';
import type { NativeEd25519 } from './native-ed25519.js';

/**
 * Ed25519 through `node:crypto` (OpenSSL, the library under Node's WebCrypto too), synchronous,
 * with one KeyObject per key (importing costs more than a signature or a verification). The
 * fallback of the node backend where sodium-native cannot load: OpenSSL 3.0's Ed25519 costs more
 * than libsodium's (bench/sdk-core.mjs, bench/middleware-verify.mjs), but still saves WebCrypto's
 * dispatch. Its caller has run the policy's byte-level checks, so OpenSSL decides only the
 * cofactorless equation, as it does for the WebCrypto backend.
 *
 * Private KeyObjects are cached per array only (never by value), so the secret inside OpenSSL
 * lives no longer than the caller's array, or until forgetEd25519Key (key-cache.ts).
 *
 * @example
 * const openssl = createOpenSslEd25519();
 * openssl.verify(signature, message, publicKey);
 */
export function createOpenSslEd25519(): NativeEd25519 {
  // Bounded like the WebCrypto backend's: 256 keys by value, plus one entry per live key array.
  const publicKeys = new KeyCache<KeyObject | null>(256);
  const privateKeys = new KeyCache<KeyObject>(0);
  return {
    name: 'openssl',
    verify(signature, message, publicKey) {
      let key = publicKeys.get(publicKey);
      if (key === undefined) key = publicKeys.set(publicKey, importPublicKey(publicKey));
      if (key === null) return false;
      try {
        return nodeVerify(null, message, key, signature);
      } catch {
        return false; // OpenSSL failing on checked-length input is a point that does not decode.
      }
    },
    sign(seed, message) {
      const key = privateKeys.get(seed) ?? privateKeys.set(seed, importPrivateKey(seed));
      return plainBytes(nodeSign(null, message, key));
    },
    publicKey: (seed) => publicKeyOf(importPrivateKey(seed)),
    generate() {
      // Encoded by the generation job itself, and as JWK: OpenSSL 3's DER encoders cost more than
      // the generation, and exporting a KeyObject fresh from generateKeyPairSync can deadlock Node
      // 20 (the export holds the key's lock while allocating; a GC then finalizes the generation
      // job, which takes the same lock). The seed passes through one base64url string, as in the
      // WebCrypto backend's generate; sodium-ed25519.ts, the usual path, has none.
      const { privateKey: jwk } = generateJwkPair();
      return { privateKey: jwkMember(jwk.d), publicKey: jwkMember(jwk.x) };
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

/** Node's generateKeyPairSync with JWK encodings, which its typings do not declare. */
function generateJwkPair(): { privateKey: JsonWebKey; publicKey: JsonWebKey } {
  const generate = generateKeyPairSync as unknown as (
    type: 'ed25519',
    options: { privateKeyEncoding: { format: 'jwk' }; publicKeyEncoding: { format: 'jwk' } },
  ) => { privateKey: JsonWebKey; publicKey: JsonWebKey };
  return generate('ed25519', {
    privateKeyEncoding: { format: 'jwk' },
    publicKeyEncoding: { format: 'jwk' },
  });
}

/** The Buffer's bytes as a plain Uint8Array, without a copy (Node allocates these unpooled). */
function plainBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

function jwkMember(value: string | undefined): Uint8Array {
  const bytes = value === undefined ? undefined : base64UrlToBytes(value, 'KEY_GENERATION_FAILED');
  if (bytes?.length !== 32) throw new Error('node:crypto exported an Ed25519 JWK without 32 bytes');
  return bytes;
}

function publicKeyOf(privateKey: KeyObject): Uint8Array {
  return jwkMember(createPublicKey(privateKey).export({ format: 'jwk' }).x);
}

function importPrivateKey(seed: Uint8Array): KeyObject {
  // PKCS#8 DER rather than JWK: a DER buffer can be wiped, a base64url string cannot.
  const der = encodePkcs8(seed);
  try {
    // A Buffer view of the same bytes (the typings want a Buffer), so the wipe reaches it too.
    const key = Buffer.from(der.buffer, der.byteOffset, der.length);
    return createPrivateKey({ key, format: 'der', type: 'pkcs8' });
  } finally {
    der.fill(0);
  }
}

function importPublicKey(publicKey: Uint8Array): KeyObject | null {
  try {
    // JWK (RFC 8037 §2) rather than SPKI DER: no ASN.1 to assemble, and the same OpenSSL import.
    return createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: bytesToBase64Url(publicKey) },
      format: 'jwk',
    });
  } catch {
    return null; // The platform refusing the bytes is refusing a key that cannot decode.
  }
}
