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
