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

const zoneNames = new Intl.DateTimeFormat('en-GB', { timeZoneName: 'short' });

/**
 * The reader's zone at `date` as the page shows it: the abbreviation where one is in common use
 * (`CET`, `CEST`, `GMT`, `UTC`), else the offset (`UTC+05:30`) — never a bare "GMT+5:30" that
 * reads like Greenwich. The offset is taken at `date`, so summer and winter times both come out
 * right.
 *
 * @example
 * zoneLabel(new Date('2026-11-22T09:58:34Z')) // 'CET' in Berlin, 'UTC+05:30' in Kolkata
 */
export function zoneLabel(date: Date): string {
  const name = zoneNames.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value;
  if (name && /^[A-Z]{2,5}$/.test(name)) return name;
  const minutes = -date.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * A `<time>` in the reader's time zone with the zone written after it
 * (`2026-11-22 10:58:34 CET`), the exact instant kept in `datetime` and, in UTC, in the title;
 * `null` becomes the word given (e.g. "never").
 *
 * @example
 * timeElement(row.last_used, 'never');
 */
export function timeElement(iso: string | null, empty = '—'): HTMLElement {
  if (!iso) return h('span', { class: 'muted' }, empty);
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return h('span', {}, iso);
  return h(
    'time',
    { datetime: iso, title: `${date.toISOString().replace('.000Z', 'Z')} (UTC)` },
    `${localTime(date)} ${zoneLabel(date)}`,
  );
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
