import { encodePkcs8 } from '../keys/encode-pkcs8.js';
import type { Ed25519Backend } from './backend-types.js';
import { rfc8032Test1 } from './rfc8032-test1.js';

// RFC 8032 §7.1 TEST 1 (empty message). A platform whose WebCrypto merely names Ed25519, or gets
// it wrong, must fall back to noble instead of failing later, so WebCrypto is trusted only after
// it reproduces this vector. The check comes in two halves, each run when first needed: a program
// that only verifies (a CLI checking a release signature) never imports a private key for it.
const ED25519: Algorithm = { name: 'Ed25519' };
const EMPTY = new Uint8Array(0);

/**
 * Whether WebCrypto verifies the RFC 8032 TEST 1 signature and refuses it with one bit flipped.
 *
 * @example
 * if (await webCryptoVerifiesKnownAnswer(crypto.subtle)) useTheNativeBackend();
 */
export async function webCryptoVerifiesKnownAnswer(subtle: SubtleCrypto): Promise<boolean> {
  try {
    const { publicKey, signature } = rfc8032Test1();
    const pub = await subtle.importKey('raw', publicKey, ED25519, false, ['verify']);
    if (!(await subtle.verify(ED25519, pub, signature, EMPTY))) return false;
    signature[0]! ^= 1;
    return !(await subtle.verify(ED25519, pub, signature, EMPTY));
  } catch {
    return false;
  }
}

/**
 * Whether WebCrypto imports the RFC 8032 TEST 1 seed as PKCS#8 and signs the empty message to
 * exactly the published signature.
 *
 * @example
 * const signsCorrectly = await webCryptoSignsKnownAnswer(crypto.subtle);
 */
export async function webCryptoSignsKnownAnswer(subtle: SubtleCrypto): Promise<boolean> {
  try {
    const { seed, signature: expected } = rfc8032Test1();
    const priv = await subtle.importKey('pkcs8', encodePkcs8(seed), ED25519, false, ['sign']);
    const signature = new Uint8Array(await subtle.sign(ED25519, priv, EMPTY));
    return signature.length === 64 && signature.every((b, i) => b === expected[i]);
  } catch {
    return false;
  }
}

/**
 * The native backend with its private-key operations (sign, publicKey, generate) held back until
 * the signing half of the known-answer check has passed; where it fails they go to `fallback`
 * (noble), which follows the same policy and gives identical signatures. Verification stays native.
 *
 * @example
 * const backend = withCheckedSigning(createWebCryptoBackend(subtle), subtle, () => noble);
 */
export function withCheckedSigning(
  native: Ed25519Backend,
  subtle: SubtleCrypto,
  fallback: () => Ed25519Backend,
): Ed25519Backend {
  let signer: Ed25519Backend | undefined;
  let checking: Promise<Ed25519Backend> | undefined;
  const checkedSigner = (): Ed25519Backend | Promise<Ed25519Backend> =>
    signer ??
    (checking ??= webCryptoSignsKnownAnswer(subtle).then(
      (passes) => (signer = passes ? native : fallback()),
    ));
  return {
    name: native.name,
    async sign(seed, message) {
      if (signer !== undefined) return signer.sign(seed, message);
      // First signature: the caller may reuse its arrays while the check runs, so copy them.
      const [seedCopy, messageCopy] = [new Uint8Array(seed), new Uint8Array(message)];
      try {
        return await (await checkedSigner()).sign(seedCopy, messageCopy);
      } finally {
        seedCopy.fill(0);
      }
    },
    verify: (signature, message, publicKey) => native.verify(signature, message, publicKey),
    async publicKey(seed) {
      if (signer !== undefined) return signer.publicKey(seed);
      const seedCopy = new Uint8Array(seed);
      try {
        return await (await checkedSigner()).publicKey(seedCopy);
      } finally {
        seedCopy.fill(0);
      }
    },
    async generate() {
      return (signer ?? (await checkedSigner())).generate();
    },
    forget: (key) => native.forget(key),
    clear: () => native.clear(),
  };
}
