/// <reference types="node" />
import { createPublicKey, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { bytesToBase64Url } from '../../encoding/base64.js';
import { KeyCache } from '../key-cache.js';
import type { NativeVerifier } from './native-verifier.js';

/**
 * Ed25519 verification through `node:crypto` (OpenSSL, the library under Node's WebCrypto too),
 * synchronous, with one KeyObject per public key (importing costs more than a verification). The
 * fallback of the node backend where sodium-native cannot load: OpenSSL 3.0's Ed25519 verify
 * costs about twice libsodium's (bench/middleware-verify.mjs), but still saves WebCrypto's
 * dispatch. Its caller has run the policy's byte-level checks, so OpenSSL decides only the
 * cofactorless equation, as it does for the WebCrypto backend.
 *
 * @example
 * const verifier = createOpenSslVerifier();
 * verifier.verify(signature, message, publicKey);
 */
export function createOpenSslVerifier(): NativeVerifier {
  // Bounded like the WebCrypto backend's: 256 keys by value, plus one entry per live key array.
  const keys = new KeyCache<KeyObject | null>(256);
  return {
    name: 'openssl',
    verify(signature, message, publicKey) {
      let key = keys.get(publicKey);
      if (key === undefined) key = keys.set(publicKey, importPublicKey(publicKey));
      if (key === null) return false;
      try {
        return nodeVerify(null, message, key, signature);
      } catch {
        return false; // OpenSSL failing on checked-length input is a point that does not decode.
      }
    },
    forget: (key) => keys.forget(key),
    clear: () => keys.clear(),
  };
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
