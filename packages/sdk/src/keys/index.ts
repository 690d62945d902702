export { assertPrivateKey } from './assert-key-bytes.js';
export { generateKeyPair, type KeyGenerationOptions } from './generate-key-pair.js';
export { generateMultipleKeyPairs, MAX_KEY_PAIRS_PER_CALL } from './generate-multiple-key-pairs.js';
export { getPublicKey, getPublicKeySync } from './get-public-key.js';
export {
  KEY_FINGERPRINT_PREFIX,
  keyFingerprint,
  SHORT_FINGERPRINT_CHARACTERS,
  shortKeyFingerprint,
} from './key-fingerprint.js';
export { keyPairFromSeed } from './key-pair-from-seed.js';
export { assertValidPublicKey, isValidPublicKey } from './validate-public-key.js';
export {
  PRIVATE_KEY_LENGTH,
  PUBLIC_KEY_LENGTH,
  SIGNATURE_LENGTH,
  type Ed25519CryptoKeyPair,
  type Ed25519KeyPair,
  type SigningKeyPair,
} from './types.js';
