import { constantTimeEqual } from '../encoding/bytes.js';
import { contentHash } from './content-digest-hashes.js';
import { parseDictionary } from './structured-field-parse.js';
import { serializeByteSequence } from './structured-field-serialize.js';
import { isInnerList } from './structured-field-types.js';

/**
 * The `Content-Digest` value our signers send (spec §2.2, RFC 9530 §2):
 * `sha-256=:<base64 of SHA-256 of the content>:`.
 *
 * @example
 * contentDigest(new TextEncoder().encode('{"hello": "world"}'));
 * // 'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:'
 */
export function contentDigest(content: Uint8Array): string {
  return `sha-256=${serializeByteSequence(contentHash('sha-256')!(content))}`;
}

/** Why a Content-Digest field does not vouch for the content; undefined when it does. */
export type ContentDigestProblem = 'unparsable' | 'no-supported-algorithm' | 'mismatch';

/**
 * Checks a `Content-Digest` field against the content bytes received (spec §2.2): every listed
 * algorithm this profile supports (sha-256, sha-512) must match, and at least one must be listed.
 * Unknown algorithms are ignored, as RFC 9530 §2 allows. Answers what is wrong, or undefined.
 *
 * @example
 * checkContentDigest(field, body); // undefined when the digest matches
 */
export function checkContentDigest(
  field: string,
  content: Uint8Array,
): ContentDigestProblem | undefined {
  let dict;
  try {
    dict = parseDictionary(field, { maxMembers: 16 });
  } catch {
    return 'unparsable';
  }
  let checked = 0;
  for (const [algorithm, member] of dict) {
    const hash = contentHash(algorithm);
    if (hash === undefined) continue;
    if (isInnerList(member) || member.value.type !== 'binary') return 'unparsable';
    if (!constantTimeEqual(hash(content), member.value.value)) return 'mismatch';
    checked++;
  }
  return checked === 0 ? 'no-supported-algorithm' : undefined;
}
