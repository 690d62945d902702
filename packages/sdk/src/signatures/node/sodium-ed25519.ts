/// <reference types="node" />
import { KeyCache } from '../key-cache.js';
import type { NativeEd25519 } from './native-ed25519.js';

/** The functions of sodium-native this module calls (each takes any typed array). */
interface SodiumSign {
  crypto_sign_verify_detached(
    signature: Uint8Array,
    message: Uint8Array,
    publicKey: Uint8Array,
  ): boolean;
  crypto_sign_detached(signature: Uint8Array, message: Uint8Array, secretKey: Uint8Array): void;
  crypto_sign_seed_keypair(publicKey: Uint8Array, secretKey: Uint8Array, seed: Uint8Array): void;
  crypto_sign_keypair(publicKey: Uint8Array, secretKey: Uint8Array): void;
}

const FUNCTIONS = [
  'crypto_sign_verify_detached',
  'crypto_sign_detached',
  'crypto_sign_seed_keypair',
  'crypto_sign_keypair',
] as const;

/**
 * libsodium's Ed25519 through the `sodium-native` addon (an optional dependency with prebuilt
 * binaries), or null where it cannot load. libsodium is the reference of
 * spec/ed25519-verification.md: it refuses S >= L, small-order R and A and non-canonical A itself,
 * and the policy's byte-level checks still run first, as for every backend.
 *
 * Verification keeps no key cache: libsodium decodes the 32 bytes on each call, faster than
 * OpenSSL 3.0 verifies with a cached key. Signing needs libsodium's 64-byte secret key (seed ||
 * public key), whose public half costs a scalar multiplication, so it is kept per private-key
 * array in a KeyCache: it lives no longer than the caller's array and is wiped with our copy of
 * the seed by forgetEd25519Key (key-cache.ts). Generation uses libsodium's own random source
 * (the OS generator) and warms that cache with the pair it made.
 *
 * @example
 * const sodium = await loadSodiumEd25519(); // null without the addon
 */
export async function loadSodiumEd25519(): Promise<NativeEd25519 | null> {
  let sodium: SodiumSign;
  try {
    const loaded = (await import('sodium-native')) as unknown as { default?: SodiumSign };
    sodium = loaded.default ?? (loaded as unknown as SodiumSign);
    if (FUNCTIONS.some((name) => typeof sodium[name] !== 'function')) return null;
  } catch {
    return null;
  }
  const secretKeys = new KeyCache<Uint8Array>(0, (secretKey) => secretKey.fill(0));

  function expand(seed: Uint8Array): { publicKey: Uint8Array; secretKey: Uint8Array } {
    const publicKey = new Uint8Array(32);
    const secretKey = new Uint8Array(64);
    sodium.crypto_sign_seed_keypair(publicKey, secretKey, seed);
    return { publicKey, secretKey };
  }

  return {
    name: 'sodium',
    verify: (signature, message, publicKey) =>
      sodium.crypto_sign_verify_detached(signature, message, publicKey),
    sign(seed, message) {
      const secretKey = secretKeys.get(seed) ?? secretKeys.set(seed, expand(seed).secretKey);
      const signature = new Uint8Array(64);
      sodium.crypto_sign_detached(signature, message, secretKey);
      return signature;
    },
    publicKey(seed) {
      const { publicKey, secretKey } = expand(seed);
      secretKey.fill(0);
      return publicKey;
    },
    generate() {
      const publicKey = new Uint8Array(32);
      const secretKey = new Uint8Array(64);
      sodium.crypto_sign_keypair(publicKey, secretKey);
      const privateKey = secretKey.slice(0, 32); // the seed (libsodium's sk is seed || pk)
      secretKeys.set(privateKey, secretKey);
      return { privateKey, publicKey };
    },
    forget: (key) => secretKeys.forget(key),
    clear: () => secretKeys.clear(),
  };
}
