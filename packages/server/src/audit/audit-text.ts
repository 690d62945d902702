/** The longest text an audit column keeps, in code points (a client id's maximum). */
export const AUDIT_TEXT_MAX = 128;

// C0 controls (NUL included: PostgreSQL text cannot hold it), DEL and C1 controls, and UTF-16
// surrogates that are not part of a pair (UTF-8 cannot encode them: SQLite stores U+FFFD).
const UNSTORABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Untrusted text as an audit column holds it: control characters and lone surrogates replaced by
 * U+FFFD, then cut to `max` code points (never between the two halves of a pair). The result is
 * well-formed and stores byte for byte in SQLite and PostgreSQL alike, so the hash computed over
 * it is the hash of what is stored. Trusted values (codes, actions, UUIDs) pass through unchanged.
 *
 * @example
 * auditText('a\u0000b\ud800'); // 'a\ufffdb\ufffd'
 */
export function auditText(value: string, max = AUDIT_TEXT_MAX): string {
  const clean = value.replace(UNSTORABLE, '\ufffd');
  if (clean.length <= max) return clean; // at most `max` UTF-16 units: at most `max` code points
  let out = '';
  let count = 0;
  for (const codePoint of clean) {
    if (count++ === max) break;
    out += codePoint;
  }
  return out;
}
