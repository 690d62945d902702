import { keyFingerprint, shortKeyFingerprint } from '@datafold/js-sdk';
import { h } from './dom.js';

/**
 * The key's fingerprint (spec/key-fingerprint-v1.md): the SDK's, so the dashboard shows the text
 * the CLI, the SDKs, the server and `ssh-keygen -l` print for the same key. Synchronous plain
 * JavaScript: the same on every origin, secure or not.
 *
 * @example
 * fingerprint('d75a9801…511a') // 'SHA256:bbXpuKG6zhzdmnxq256TlqzFBzRl2f6OOg722cYNbU8'
 */
export function fingerprint(publicKeyHex: string): string {
  return keyFingerprint(publicKeyHex);
}

/**
 * A `<code>` with the key's fingerprint; `'short'` for table cells shows the spec's short form
 * (§4: a prefix and "…"), with the full fingerprint in the title and on the client page.
 *
 * @example
 * cell.append(fingerprintElement(row.public_key, 'short'));
 */
export function fingerprintElement(
  publicKeyHex: string,
  form: 'full' | 'short' = 'full',
): HTMLElement {
  let full: string;
  try {
    full = fingerprint(publicKeyHex);
  } catch {
    // Not a key the server would have stored; show what came rather than nothing.
    return h('code', { class: 'fingerprint' }, publicKeyHex);
  }
  return h(
    'code',
    { class: 'fingerprint', title: `${full}\npublic key ${publicKeyHex}` },
    form === 'short' ? shortKeyFingerprint(full) : full,
  );
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
    // Date and clock each hold together: where a column is narrow the time breaks between them,
    // never inside a date.
    ...splitTime(`${localTime(date)} ${zoneLabel(date)}`),
  );
}

/** `2026-11-22 10:58:34 CET` as the date and the clock with its zone, each unbreakable. */
function splitTime(text: string): Array<HTMLElement | string> {
  const space = text.indexOf(' ');
  return [
    h('span', { class: 'nowrap' }, text.slice(0, space)),
    ' ',
    h('span', { class: 'nowrap' }, text.slice(space + 1)),
  ];
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
