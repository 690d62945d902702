import type { AuditEntry } from '../admin-api.js';
import { copyButton } from '../copy-button.js';
import { h } from '../dom.js';
import { fingerprint, timeElement } from '../format.js';
import { href } from '../route.js';

/** Hex hashes are shortened to their ends; keys are shown by fingerprint below. */
function shorten(text: string): string {
  return /^[0-9a-f]{40,}$/.test(text) ? `${text.slice(0, 8)}…${text.slice(-8)}` : text;
}

/**
 * Details that hold a public key, and the name its fingerprint is shown under. Every entry has the
 * key, not every entry the fingerprint (older ones predate it), so it is computed from the key and
 * a stored `fingerprint` is not shown twice (spec/key-fingerprint-v1.md §6).
 */
const KEY_DETAILS: Record<string, string> = {
  public_key: 'key',
  previous_public_key: 'previous key',
};
const FINGERPRINT_DETAILS = new Set(['fingerprint', 'previous_fingerprint']);

function keyText(value: string): string {
  try {
    return fingerprint(value);
  } catch {
    return shorten(value);
  }
}

function detailText(details: Record<string, unknown>): string {
  const parts = Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .filter(([name]) => !FINGERPRINT_DETAILS.has(name))
    .map(([name, value]) => {
      const keyLabel = KEY_DETAILS[name];
      if (keyLabel !== undefined && typeof value === 'string')
        return `${keyLabel}: ${keyText(value)}`;
      const text = typeof value === 'string' ? shorten(value) : JSON.stringify(value);
      return `${name.replace(/_/g, ' ')}: ${text}`;
    });
  return parts.join('; ');
}

/**
 * An entry's outcome as a badge: `success`, or `failure:<CODE>` (durable-change.ts) shown as a
 * failure with the code beside it, so a refused change never looks like a neutral one.
 *
 * @example
 * outcomeBadge('failure:KEY_NOT_ACTIVE');
 */
export function outcomeBadge(outcome: string): HTMLElement {
  const [kind = outcome, code] = outcome.split(':', 2);
  const known = kind === 'success' || kind === 'failure' || kind === 'denied';
  return h(
    'span',
    { class: `outcome outcome-${known ? kind : 'other'}` },
    kind,
    code ? h('span', { class: 'outcome-code' }, ` ${code}`) : null,
  );
}

/**
 * Audit entries as a table (stacked cards at phone width): sequence number, time, action,
 * outcome, client, actor and details in words.
 *
 * @example
 * result.append(auditTable(page.items, 'Audit entries, newest first'));
 */
export function auditTable(entries: AuditEntry[], caption: string): HTMLElement {
  return h(
    'table',
    { class: 'rows audit' },
    h('caption', { class: 'visually-hidden' }, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Entry', 'Time', 'Action', 'Outcome', 'Client', 'Actor', 'Details'].map((t) =>
          h('th', { scope: 'col' }, t),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      entries.map((entry) =>
        h(
          'tr',
          { 'data-seq': entry.seq },
          h('th', { scope: 'row', 'data-label': 'Entry' }, `#${entry.seq}`),
          h('td', { 'data-label': 'Time' }, timeElement(entry.occurred_at)),
          h('td', { 'data-label': 'Action' }, entry.action),
          h('td', { 'data-label': 'Outcome' }, outcomeBadge(entry.outcome)),
          h(
            'td',
            { 'data-label': 'Client' },
            entry.client_id
              ? h(
                  'span',
                  { class: 'copyable' },
                  h('a', { href: href(['clients', entry.client_id]) }, entry.client_id),
                  copyButton(entry.client_id, `client id ${entry.client_id}`),
                )
              : h('span', { class: 'muted' }, 'none'),
          ),
          h('td', { 'data-label': 'Actor' }, entry.actor),
          h('td', { 'data-label': 'Details', class: 'details' }, detailText(entry.details) || '—'),
        ),
      ),
    ),
  );
}
