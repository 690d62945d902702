import { bytesToHex, hexToBytes } from '@datafold/js-sdk';
import { h } from './dom.js';

const fingerprints = new Map<string, string>();

/**
 * The dashboard's short key fingerprint: the first 8 bytes of SHA-256 over the 32 raw public key
 * bytes, as four groups of hex. Short enough for a phone, long enough to tell keys apart by eye;
 * the full key is in the element's title and on the client page.
 *
 * @example
 * await fingerprint('d75a98…') // 'c3f1 08a2 5b7e 90d4'
 */
export async function fingerprint(publicKeyHex: string): Promise<string> {
  const known = fingerprints.get(publicKeyHex);
  if (known) return known;
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', hexToBytes(publicKeyHex) as Uint8Array<ArrayBuffer>),
  );
  const hex = bytesToHex(digest.subarray(0, 8));
  const text = hex.match(/.{4}/g)!.join(' ');
  fingerprints.set(publicKeyHex, text);
  return text;
}

/**
 * A `<code>` that fills in with the fingerprint once computed.
 *
 * @example
 * cell.append(fingerprintElement(row.public_key));
 */
export function fingerprintElement(publicKeyHex: string): HTMLElement {
  const code = h('code', { class: 'fingerprint', title: `public key ${publicKeyHex}` }, '…');
  void fingerprint(publicKeyHex).then(
    (text) => (code.textContent = text),
    () => (code.textContent = `${publicKeyHex.slice(0, 16)}…`),
  );
  return code;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-22 10:58:34` in the reader's time zone: compact, sortable, unambiguous. */
function localTime(date: Date): string {
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/**
 * A `<time>` element in the reader's locale, with the exact UTC instant kept in `datetime` and
 * the title; `null` becomes the word given (e.g. "never").
 *
 * @example
 * timeElement(row.last_used, 'never');
 */
export function timeElement(iso: string | null, empty = '—'): HTMLElement {
  if (!iso) return h('span', { class: 'muted' }, empty);
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return h('span', {}, iso);
  return h('time', { datetime: iso, title: `${iso} (UTC)` }, localTime(date));
}

/**
 * The status of a registration as a badge whose meaning does not rest on colour alone.
 *
 * @example
 * statusBadge('revoked');
 */
export function statusBadge(status: string): HTMLElement {
  return h('span', { class: `badge badge-${status}` }, status);
}
