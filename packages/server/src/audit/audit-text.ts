import { wellFormed } from '@datafold/js-sdk';

/** The longest text an audit column keeps, in code points (a client id's maximum). */
export const AUDIT_TEXT_MAX = 128;

// C0 controls (NUL included: PostgreSQL text cannot hold it), DEL and C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

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
  // Lone surrogates too: UTF-8 cannot encode them, so SQLite would store U+FFFD.
  const clean = wellFormed(value).replace(CONTROLS, '\ufffd');
  if (clean.length <= max) return clean; // at most `max` UTF-16 units: at most `max` code points
  let out = '';
  let count = 0;
  for (const codePoint of clean) {
    if (count++ === max) break;
    out += codePoint;
  }
  return out;
}
