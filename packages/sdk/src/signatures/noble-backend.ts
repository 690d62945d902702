import { ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { randomBytes } from '../platform/webcrypto.js';
import { KeyCache } from './key-cache.js';
import { publicKeyPassesPrechecks } from './strict-checks.js';
import type { Ed25519Backend } from './backend-types.js';

type Point = InstanceType<typeof ed25519.Point>;
const Point = ed25519.Point;
const L = Point.Fn.ORDER;

function bytesToBigIntLE(bytes: Uint8Array, start: number, end: number): bigint {
  let n = 0n;
  for (let i = end - 1; i >= start; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

/**
 * Decodes A under the strict policy, or null: the byte-level pre-checks (canonical y, not in the
 * small-order blacklist), then RFC 8032 §5.1.3 decoding with noble's strict mode (which also
 * refuses x = 0 with the sign bit set).
 */
function decodePublicKey(publicKey: Uint8Array): Point | null {
  if (!publicKeyPassesPrechecks(publicKey)) return null;
  try {
    return Point.fromBytes(publicKey, false);
  } catch {
    return null;
  }
}

/**
 * Cofactorless strict verification with noble's point arithmetic, for platforms whose WebCrypto
 * lacks Ed25519. noble's own `verify` checks the cofactored equation [8][S]B = [8]R + [8][k]A,
 * which accepts signatures libsodium and OpenSSL reject; this checks RFC 8032 §5.1.7 step 3 as
 * libsodium does: encode [S]B - [k]A and compare it with R's bytes. A non-canonical R can never
 * match, because the computed encoding is canonical.
 *
 * @example
 * const ok = nobleStrictVerify(signature, message, decodedA, publicKey);
 */
export function nobleStrictVerify(
  signature: Uint8Array,
  message: Uint8Array,
  A: Point,
  publicKey: Uint8Array,
): boolean {
  const s = bytesToBigIntLE(signature, 32, 64); // < L, checked by the caller's pre-checks
  // k = SHA-512(R || A || M) mod L (RFC 8032 §5.1.7 step 2), hashed without concatenating.
  const digest = sha512
    .create()
    .update(signature.subarray(0, 32))
    .update(publicKey)
    .update(message)
    .digest();
  const k = bytesToBigIntLE(digest, 0, 64) % L;
  // multiplyUnsafe is variable-time, fine here: every input is public. It accepts 0.
  const check = Point.BASE.multiplyUnsafe(s).subtract(A.multiplyUnsafe(k)).toBytes();
  let diff = 0;
  for (let i = 0; i < 32; i++) diff |= check[i]! ^ signature[i]!;
  return diff === 0;
}

/**
 * The pure-JavaScript backend (@noble/curves). Signing is RFC 8032 §5.1.6, deterministic, so
 * its signatures equal WebCrypto's byte for byte.
 *
 * @example
 * const backend = createNobleBackend();
 */
export function createNobleBackend(): Ed25519Backend {
  const points = new KeyCache<Point | null>(256);
  return {
    name: 'noble',

    sign(seed, message) {
      return Promise.resolve(ed25519.sign(message, seed));
    },

    publicKey(seed) {
      return Promise.resolve(ed25519.getPublicKey(seed));
    },

    generate() {
      const privateKey = randomBytes(32);
      return Promise.resolve({ privateKey, publicKey: ed25519.getPublicKey(privateKey) });
    },

    verify(signature, message, publicKey) {
      let A = points.get(publicKey);
      if (A === undefined) A = points.set(publicKey, decodePublicKey(publicKey));
      return A !== null && nobleStrictVerify(signature, message, A, publicKey);
    },

    forget(key) {
      points.forget(key);
    },

    clear() {
      points.clear();
    },
  };
}
