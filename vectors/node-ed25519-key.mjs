// The one way the vector generators turn a 32-byte Ed25519 seed into node:crypto keys: the seed
// behind the PKCS#8 prefix of RFC 8410 §7, the public key read back from the SPKI encoding. The
// generators use node:crypto alone, never the SDK, so the SDK is checked against OpenSSL.
import { createPrivateKey, createPublicKey } from 'node:crypto';

// PKCS#8 prefix of an Ed25519 private key (RFC 8410 §7); the 32-byte seed follows it.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The key pair of a seed given as hex: { seedHex, privateKey (a KeyObject), publicKeyHex }.
 *
 * @example
 * keyFromSeed('9d61b19d...7f60').publicKeyHex; // 'd75a9801...511a'
 */
export function keyFromSeed(seedHex) {
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(seedHex, 'hex')]),
    format: 'der',
    type: 'pkcs8',
  });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { seedHex, privateKey, publicKeyHex: spki.subarray(spki.length - 32).toString('hex') };
}
