/// <reference types="node" />
import { createPublicKey, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { bytesToBase64Url } from '../../encoding/base64.js';
import type { Ed25519Backend } from '../backend-types.js';
import { KeyCache } from '../key-cache.js';
import { publicKeyPassesPrechecks } from '../strict-checks.js';

/**
 * Ed25519 verification through `node:crypto` (OpenSSL, the same library under Node's WebCrypto),
 * called synchronously. Node 20's WebCrypto verify costs about 75 µs of event-loop time per call
 * in dispatch alone (a job object, a thread-pool hop, a promise), several times the verification
 * itself; a server checking a signature per request pays that on every request. Here the call is
 * one native function on a cached KeyObject.
 *
 * The strict policy is unchanged: verify.ts has already checked the signature's bytes (S < L, R not
 * of small order), the public key's byte-level checks run here before the key is imported (a key
 * they refuse is cached as null), and OpenSSL decides only the cofactorless equation, exactly as
 * the WebCrypto backend lets it. Private-key operations (sign, publicKey, generate) are delegated
 * to `portable`, the backend 'auto' would pick without this one, so signing, key caching and
 * wiping keep their one implementation.
 *
 * @example
 * const backend = createNodeCryptoBackend(() => webCryptoOrNoble());
 */
export function createNodeCryptoBackend(
  portable: () => Ed25519Backend | Promise<Ed25519Backend>,
): Ed25519Backend {
  // Bounded like the WebCrypto backend's: 256 keys by value, plus one entry per live key array.
  const publicKeys = new KeyCache<KeyObject | null>(256);

  return {
    name: 'node',

    async sign(seed, message) {
      return (await portable()).sign(seed, message);
    },

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

    async publicKey(seed) {
      return (await portable()).publicKey(seed);
    },

    async generate() {
      return (await portable()).generate();
    },

    forget(key) {
      publicKeys.forget(key);
    },

    clear() {
      publicKeys.clear();
    },
  };
}

/** A KeyObject for a public key the policy's byte-level checks accept, else null. */
function importPublicKey(publicKey: Uint8Array): KeyObject | null {
  if (!publicKeyPassesPrechecks(publicKey)) return null;
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
