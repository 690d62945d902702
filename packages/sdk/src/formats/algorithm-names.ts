/** RFC 8410 §3: id-Ed25519. */
export const ED25519_OID = '1.3.101.112';

// Key algorithms a user may plausibly hand us, named so UNSUPPORTED_KEY_TYPE says what it found.
const KEY_ALGORITHMS: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.1': 'RSA',
  '1.2.840.113549.1.1.10': 'RSA-PSS',
  '1.2.840.10045.2.1': 'EC',
  '1.2.840.10040.4.1': 'DSA',
  '1.2.840.113549.1.3.1': 'DH',
  '1.2.840.10046.2.1': 'X9.42 DH',
  '1.3.101.110': 'X25519',
  '1.3.101.111': 'X448',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.2.156.10197.1.301': 'SM2',
};

// RFC 5480 §2.1.1.1 named curves, for EC keys.
const CURVES: Readonly<Record<string, string>> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.35': 'P-521',
  '1.3.132.0.10': 'secp256k1',
};

/**
 * A readable name for a key algorithm OID (and, for EC, its curve OID), e.g. "EC (P-256)" or
 * "algorithm OID 1.2.3.4" when unknown.
 *
 * @example
 * keyAlgorithmName('1.2.840.10045.2.1', '1.2.840.10045.3.1.7'); // 'EC (P-256)'
 */
export function keyAlgorithmName(oid: string, curveOid?: string): string {
  const name = KEY_ALGORITHMS[oid];
  if (name === undefined) return `algorithm OID ${oid}`;
  if (name === 'EC' && curveOid !== undefined)
    return `EC (${CURVES[curveOid] ?? `curve OID ${curveOid}`})`;
  return name;
}
