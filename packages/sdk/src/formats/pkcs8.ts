import { Ed25519KeyError } from '../errors/datafold-error.js';
import { getPublicKeySync } from '../keys/get-public-key.js';
import { PRIVATE_KEY_LENGTH, PUBLIC_KEY_LENGTH } from '../keys/types.js';
import { readEd25519AlgorithmIdentifier } from './algorithm-identifier.js';
import { DER_TAG, DerReader } from './der-reader.js';

function invalid(problem: string): Ed25519KeyError {
  return new Ed25519KeyError('INVALID_KEY_FORMAT', `PKCS#8 private key: ${problem}`);
}

/** A decoded PKCS#8 Ed25519 key: the seed and, for v2 keys that carry it, the public key. */
export interface DecodedPkcs8 {
  seed: Uint8Array;
  publicKey: Uint8Array;
}

/**
 * Reads PKCS#8 v1 (RFC 5208) and v2 / OneAsymmetricKey (RFC 5958 §2): version, the Ed25519
 * AlgorithmIdentifier, the CurvePrivateKey (RFC 8410 §7: an OCTET STRING inside the privateKey
 * OCTET STRING), optional attributes and the optional [1] publicKey. A carried public key must be
 * the one the seed yields; the result always holds the derived public key.
 *
 * @example
 * const { seed, publicKey } = decodePkcs8(der);
 */
export function decodePkcs8(der: Uint8Array): DecodedPkcs8 {
  const outer = new DerReader(der, 'PKCS#8 private key');
  const info = outer.sequence('PrivateKeyInfo');
  outer.finish();
  const version = info.smallInteger('version');
  if (version !== 0 && version !== 1)
    throw invalid(`version ${version} is neither v1 (0) nor v2 (1)`);
  readEd25519AlgorithmIdentifier(info, 'PKCS#8 private key');
  const wrapped = info.expect(DER_TAG.OCTET_STRING, 'privateKey');
  const inner = new DerReader(wrapped.contents, 'PKCS#8 private key');
  const seed = inner.expect(DER_TAG.OCTET_STRING, 'CurvePrivateKey').contents;
  inner.finish();
  if (seed.length !== PRIVATE_KEY_LENGTH)
    throw invalid(`the Ed25519 seed must be 32 bytes, got ${seed.length}`);
  if (info.peekTag() === DER_TAG.CONTEXT_0_CONSTRUCTED) info.read(); // attributes: not used for Ed25519
  let carried: Uint8Array | undefined;
  if (info.peekTag() === DER_TAG.CONTEXT_1_PRIMITIVE) {
    // [1] IMPLICIT BIT STRING: one "unused bits" octet (0), then the 32-byte public key.
    const bits = info.read().contents;
    if (bits.length !== PUBLIC_KEY_LENGTH + 1 || bits[0] !== 0) {
      throw invalid('the publicKey field must be a 32-byte BIT STRING');
    }
    carried = bits.subarray(1);
  }
  info.finish();
  const result = { seed: new Uint8Array(seed), publicKey: getPublicKeySync(seed) };
  if (carried !== undefined && carried.some((byte, i) => byte !== result.publicKey[i])) {
    result.seed.fill(0);
    throw invalid('the public key it carries does not belong to its private key');
  }
  return result;
}
