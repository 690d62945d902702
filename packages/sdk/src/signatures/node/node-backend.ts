import type { Ed25519Backend } from '../backend-types.js';
import { publicKeyPassesPrechecks } from '../strict-checks.js';
import { nativeSignsKnownAnswer } from './checked-native.js';
import type { NativeEd25519 } from './native-ed25519.js';
import { createOpenSslEd25519 } from './openssl-ed25519.js';
import { loadSodiumEd25519 } from './sodium-ed25519.js';

/** The private-key operations, which go where the known-answer check allows (see below). */
type Signer = Pick<Ed25519Backend, 'sign' | 'publicKey' | 'generate' | 'forget'>;

/**
 * The 'node' backend: Ed25519 in native code on the calling thread, libsodium (sodium-native)
 * where the addon loads, else OpenSSL (`node:crypto`). Node 20's WebCrypto costs about 75 µs of
 * event-loop time per call in dispatch alone (a job object, a thread-pool hop, a promise) on top of
 * the arithmetic: a server checking a signature per request, and a client signing one request at
 * a time, pay that on every call. Here sign, verify and generate answer values, not promises, so
 * `await sign(...)` costs one microtask on top of the native call (bench/sdk-core.mjs).
 *
 * The strict policy is unchanged: verify.ts has already checked the signature's bytes (S < L, R not
 * of small order), the public key's byte-level checks run here, and the native library decides
 * only the rest (libsodium applies the same rules again; OpenSSL only the cofactorless equation,
 * exactly as it does under the WebCrypto backend). Signatures are RFC 8032's, deterministic, so
 * byte for byte those of every other backend; the native library signs only once it has
 * reproduced RFC 8032 TEST 1 (checked-native.ts), else private-key operations go to `portable`,
 * the backend 'auto' would pick without this one.
 *
 * The library loads on the first call (nothing is loaded by importing an entry); that call, and
 * any made while it loads, answer through a promise (with their arguments copied, since the
 * caller may reuse its arrays meanwhile), and every later one synchronously.
 *
 * @example
 * const backend = createNodeBackend(() => webCryptoOrNoble());
 */
export function createNodeBackend(
  portable: () => Ed25519Backend | Promise<Ed25519Backend>,
  loadPreferred: () => Promise<NativeEd25519 | null> = loadSodiumEd25519,
): Ed25519Backend {
  // Both set together, once loading is over: `native` defined means `signer` is too.
  let native: NativeEd25519 | undefined;
  let signer: Signer | undefined;
  let loading: Promise<Signer> | undefined;
  const load = (): Promise<Signer> =>
    (loading ??= loadPreferred()
      .catch(() => null)
      .then(async (preferred) => {
        const loaded = preferred ?? createOpenSslEd25519();
        const checked: Signer = nativeSignsKnownAnswer(loaded) ? loaded : await portable();
        [native, signer] = [loaded, checked];
        return checked;
      }));

  /** Runs a private-key operation after loading, on a copy of the seed wiped afterwards. */
  async function withLoadedSigner<T>(
    seed: Uint8Array,
    operation: (loaded: Signer, seedCopy: Uint8Array) => T | Promise<T>,
  ): Promise<T> {
    const seedCopy = new Uint8Array(seed); // a copy even of a Buffer, whose slice() is a view
    try {
      return await operation(await load(), seedCopy);
    } finally {
      signer?.forget(seedCopy);
      seedCopy.fill(0);
    }
  }

  return {
    name: 'node',

    sign(seed, message) {
      if (signer !== undefined) return signer.sign(seed, message);
      const messageCopy = new Uint8Array(message);
      return withLoadedSigner(seed, (loaded, seedCopy) => loaded.sign(seedCopy, messageCopy));
    },

    verify(signature, message, publicKey) {
      if (!publicKeyPassesPrechecks(publicKey)) return false;
      if (native !== undefined) return native.verify(signature, message, publicKey);
      const sig = new Uint8Array(signature);
      const msg = new Uint8Array(message);
      const key = new Uint8Array(publicKey);
      return load().then(() => native!.verify(sig, msg, key));
    },

    publicKey(seed) {
      if (signer !== undefined) return signer.publicKey(seed);
      return withLoadedSigner(seed, (loaded, seedCopy) => loaded.publicKey(seedCopy));
    },

    generate() {
      if (signer !== undefined) return signer.generate();
      return load().then((loaded) => loaded.generate());
    },

    forget(key) {
      native?.forget(key);
    },

    clear() {
      native?.clear();
    },
  };
}
