import type { Ed25519Backend } from '../backend-types.js';
import { publicKeyPassesPrechecks } from '../strict-checks.js';
import type { NativeVerifier } from './native-verifier.js';
import { createOpenSslVerifier } from './openssl-verifier.js';
import { loadSodiumVerifier } from './sodium-verifier.js';

/**
 * The 'node' backend: Ed25519 verification in native code on the calling thread, libsodium
 * (sodium-native) where the addon loads, else OpenSSL (`node:crypto`). Node 20's WebCrypto verify
 * costs about 75 µs of event-loop time per call in dispatch alone (a job object, a thread-pool
 * hop, a promise) on top of the verification; a server checking a signature per request pays
 * that on every request.
 *
 * The strict policy is unchanged: verify.ts has already checked the signature's bytes (S < L, R not
 * of small order), the public key's byte-level checks run here, and the native library decides
 * only the rest (libsodium applies the same rules again; OpenSSL only the cofactorless equation,
 * exactly as it does under the WebCrypto backend). Private-key operations (sign, publicKey,
 * generate) are delegated to `portable`, the backend 'auto' would pick without this one, so
 * signing, its key cache and its wiping keep their one implementation.
 *
 * The addon loads on the first verification (nothing is loaded by importing an entry); that one
 * call, and any made while it loads, answer through a promise, and every later one synchronously.
 *
 * @example
 * const backend = createNodeBackend(() => webCryptoOrNoble());
 */
export function createNodeBackend(
  portable: () => Ed25519Backend | Promise<Ed25519Backend>,
  loadPreferred: () => Promise<NativeVerifier | null> = loadSodiumVerifier,
): Ed25519Backend {
  let verifier: NativeVerifier | undefined;
  let loading: Promise<NativeVerifier> | undefined;
  const load = () =>
    (loading ??= loadPreferred().then(
      (preferred) => (verifier = preferred ?? createOpenSslVerifier()),
      () => (verifier = createOpenSslVerifier()),
    ));

  return {
    name: 'node',

    async sign(seed, message) {
      return (await portable()).sign(seed, message);
    },

    verify(signature, message, publicKey) {
      if (!publicKeyPassesPrechecks(publicKey)) return false;
      if (verifier !== undefined) return verifier.verify(signature, message, publicKey);
      // First use: snapshot the inputs, since the caller may reuse them while the addon loads.
      const [sig, msg, key] = [signature.slice(), message.slice(), publicKey.slice()];
      return load().then((loaded) => loaded.verify(sig, msg, key));
    },

    async publicKey(seed) {
      return (await portable()).publicKey(seed);
    },

    async generate() {
      return (await portable()).generate();
    },

    forget(key) {
      verifier?.forget(key);
    },

    clear() {
      verifier?.clear();
    },
  };
}
