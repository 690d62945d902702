import { Ed25519KeyError } from '../errors/datafold-error.js';
import { DER_TAG, type DerReader } from './der-reader.js';
import { ED25519_OID, keyAlgorithmName } from './algorithm-names.js';

/**
 * Reads an AlgorithmIdentifier (RFC 5280 §4.1.1.2) and insists on id-Ed25519 with absent
 * parameters (RFC 8410 §3). Another algorithm is UNSUPPORTED_KEY_TYPE naming it; Ed25519 with
 * parameters is INVALID_KEY_FORMAT.
 *
 * @example
 * readEd25519AlgorithmIdentifier(info, 'PKCS#8');
 */
export function readEd25519AlgorithmIdentifier(parent: DerReader, what: string): void {
  const algorithm = parent.sequence('AlgorithmIdentifier');
  const oid = algorithm.oid('algorithm');
  if (oid !== ED25519_OID) {
    // EC keys name their curve in the parameters; read it so the error can say "EC (P-256)".
    let curve: string | undefined;
    if (algorithm.peekTag() === DER_TAG.OID) curve = algorithm.oid('curve');
    throw new Ed25519KeyError(
      'UNSUPPORTED_KEY_TYPE',
      `${what} holds a ${keyAlgorithmName(oid, curve)} key; only Ed25519 (OID ${ED25519_OID}) is supported`,
      { found: keyAlgorithmName(oid, curve) },
    );
  }
  if (!algorithm.done) {
    throw new Ed25519KeyError(
      'INVALID_KEY_FORMAT',
      `${what}: Ed25519 AlgorithmIdentifier must have no parameters (RFC 8410 §3)`,
    );
  }
}
