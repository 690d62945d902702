import { Ed25519KeyError } from '../errors/datafold-error.js';
import { base64UrlToBytes, bytesToBase64Url } from '../encoding/base64.js';
import { getPublicKeySync } from '../keys/get-public-key.js';
import { PUBLIC_KEY_LENGTH } from '../keys/types.js';

/** An Ed25519 JSON Web Key (RFC 8037 §2): `d` only in private keys. */
export interface Ed25519Jwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d?: string;
  [member: string]: unknown;
}

/**
 * The JWK of a public key, or of a seed with its public key (RFC 8037 §2; member order as in its
 * Appendix A.1).
 *
 * @example
 * toJwk(publicKey); // { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKx...' }
 */
export function toJwk(publicKey: Uint8Array, seed?: Uint8Array): Ed25519Jwk {
  if (seed === undefined) return { kty: 'OKP', crv: 'Ed25519', x: bytesToBase64Url(publicKey) };
  return { kty: 'OKP', crv: 'Ed25519', d: bytesToBase64Url(seed), x: bytesToBase64Url(publicKey) };
}

function invalid(problem: string): Ed25519KeyError {
  return new Ed25519KeyError('INVALID_KEY_FORMAT', `JWK ${problem}`);
}

function unsupported(found: string): Ed25519KeyError {
  return new Ed25519KeyError(
    'UNSUPPORTED_KEY_TYPE',
    `JWK holds a ${found} key; only kty "OKP" with crv "Ed25519" is supported (RFC 8037)`,
    { found },
  );
}

function member32(jwk: Record<string, unknown>, name: 'x' | 'd'): Uint8Array {
  const value = jwk[name];
  if (typeof value !== 'string') throw invalid(`member "${name}" must be a base64url string`);
  const bytes = base64UrlToBytes(value, 'INVALID_KEY_FORMAT', `JWK member "${name}"`);
  if (bytes.length !== PUBLIC_KEY_LENGTH) {
    throw invalid(`member "${name}" must hold 32 bytes, got ${bytes.length}`);
  }
  return bytes;
}

/** A decoded Ed25519 JWK: the public key, and the seed when the JWK is private. */
export interface DecodedJwk {
  publicKey: Uint8Array;
  seed?: Uint8Array;
}

/**
 * Reads an Ed25519 JWK given as an object or as its JSON text. Another kty or crv is
 * UNSUPPORTED_KEY_TYPE naming it; a missing or malformed member, an `alg` other than EdDSA or
 * Ed25519, or a `d` whose public key is not `x` is INVALID_KEY_FORMAT.
 *
 * @example
 * const { seed, publicKey } = fromJwk('{"kty":"OKP","crv":"Ed25519","d":"...","x":"..."}');
 */
export function fromJwk(data: unknown): DecodedJwk {
  let jwk: unknown = data;
  if (typeof data === 'string') {
    try {
      jwk = JSON.parse(data);
    } catch {
      throw invalid('text is not valid JSON');
    }
  }
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) {
    throw invalid(
      'must be a JSON object (or its text) like {"kty":"OKP","crv":"Ed25519","x":"..."}',
    );
  }
  const record = jwk as Record<string, unknown>;
  const { kty, crv, alg } = record;
  if (typeof kty !== 'string') throw invalid('has no "kty" member');
  if (kty === 'RSA') throw unsupported('RSA');
  if (kty === 'EC') throw unsupported(typeof crv === 'string' ? `EC (${crv})` : 'EC');
  if (kty === 'oct') throw unsupported('symmetric (oct)');
  if (kty !== 'OKP') throw unsupported(`kty "${kty}"`);
  if (typeof crv !== 'string') throw invalid('of kty "OKP" has no "crv" member');
  if (crv !== 'Ed25519') throw unsupported(`OKP ${crv}`);
  if (alg !== undefined && alg !== 'EdDSA' && alg !== 'Ed25519') {
    throw invalid(`"alg" must be "EdDSA" or "Ed25519" for an Ed25519 key`);
  }
  const publicKey = member32(record, 'x');
  if (record.d === undefined) return { publicKey };
  const seed = member32(record, 'd');
  const derived = getPublicKeySync(seed);
  if (derived.some((byte, i) => byte !== publicKey[i])) {
    seed.fill(0);
    throw invalid('member "x" is not the public key of member "d"');
  }
  return { publicKey, seed };
}
