/// <reference types="node" />
import type { NativeVerifier } from './native-verifier.js';

/** The one function of sodium-native this module calls (it takes any typed array). */
interface SodiumVerify {
  crypto_sign_verify_detached(
    signature: Uint8Array,
    message: Uint8Array,
    publicKey: Uint8Array,
  ): boolean;
}

/**
 * libsodium's `crypto_sign_verify_detached` through the `sodium-native` addon (an optional
 * dependency with prebuilt binaries), or null where it cannot load. libsodium is the reference of
 * spec/ed25519-verification.md: it refuses S >= L, small-order R and A and non-canonical A itself,
 * and the policy's byte-level checks still run first, as for every backend. No key cache: libsodium
 * decodes the 32 bytes on each call, faster than OpenSSL 3.0 verifies with a cached key.
 *
 * @example
 * const verifier = await loadSodiumVerifier(); // null without the addon
 */
export async function loadSodiumVerifier(): Promise<NativeVerifier | null> {
  let sodium: SodiumVerify;
  try {
    const loaded = (await import('sodium-native')) as unknown as { default?: SodiumVerify };
    sodium = loaded.default ?? (loaded as unknown as SodiumVerify);
    if (typeof sodium.crypto_sign_verify_detached !== 'function') return null;
  } catch {
    return null;
  }
  return {
    name: 'sodium',
    verify: (signature, message, publicKey) =>
      sodium.crypto_sign_verify_detached(signature, message, publicKey),
    forget: () => undefined,
    clear: () => undefined,
  };
}
