import { adminRequest, type AuditEntry, type ChainState, type Page } from '../admin-api.js';
import type { AdminSession } from '../admin-session.js';
import { copyButton } from '../copy-button.js';
import { describeError } from '../describe-error.js';
import { announce, field, h, replace } from '../dom.js';
import { timeElement } from '../format.js';
import { href, type Route } from '../route.js';
import { auditTable } from './audit-table.js';

/**
 * The actions the server records (registration-service.ts, key-lifecycle-service.ts,
 * admin-token-service.ts).
 */
const ACTIONS = ['register', 'rotate', 'revoke', 'token.create', 'token.revoke'] as const;

function checkedWhen(chain: ChainState): HTMLElement {
  return h(
    'p',
    { class: 'when' },
    'Whole log checked ',
    timeElement(chain.full_check_at),
    '; newer entries checked ',
    timeElement(chain.checked_at),
    '.',
  );
}

function chainBanner(chain: ChainState): HTMLElement {
  if (chain.intact) {
    return h(
      'section',
      { class: 'chain chain-ok', 'aria-labelledby': 'chain-title' },
      h('h2', { id: 'chain-title' }, 'Audit chain intact'),
      h(
        'p',
        {},
        chain.entries === 0
          ? 'The log is empty: nothing has been recorded yet, so there is nothing to check.'
          : chain.entries === 1
            ? 'Its one entry’s hash matches the entry.'
            : `All ${chain.entries} entries link to the one before, and every hash matches its entry.`,
      ),
      checkedWhen(chain),
      chain.head_hash
        ? h(
            'p',
            {},
            'Head hash ',
            h('code', { class: 'wrap' }, chain.head_hash),
            ' ',
            copyButton(chain.head_hash, 'head hash'),
          )
        : null,
    );
  }
  return h(
    'section',
    { class: 'chain chain-broken', role: 'alert', 'aria-labelledby': 'chain-title' },
    h('h2', { id: 'chain-title' }, `Audit chain broken at entry #${chain.broken_at_seq}`),
    h('p', {}, chain.problem ?? 'An entry does not match the chain.'),
    h(
      'p',
      {},
      `The ${chain.entries} entries before it check out. Entries from #${chain.broken_at_seq} on ` +
        'cannot be trusted; restore the database from a backup and run datafold-server audit verify.',
    ),
    checkedWhen(chain),
  );
}

/**
 * The Audit view: the chain's verification state first, in plain words, then the log newest
 * first, filterable by client id and action, with "Older entries" pagination.
 *
 * @example
 * await renderAudit(main, session, parseRoute('#/audit?action=revoke'));
 */
export async function renderAudit(
  main: HTMLElement,
  session: AdminSession,
  route: Route,
): Promise<void> {
  const client = route.query.get('client') ?? '';
  const action = route.query.get('action') ?? '';
  const cursor = route.query.get('cursor');
  const clientInput = h('input', {
    id: 'audit-client',
    name: 'client',
    value: client,
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const actionSelect = h(
    'select',
    { id: 'audit-action', name: 'action' },
    h('option', { value: '' }, 'Any action'),
    ACTIONS.map((a) => h('option', { value: a, selected: a === action }, a)),
  );
  const form = h(
    'form',
    {
      role: 'search',
      class: 'filters',
      'aria-label': 'Filter the audit log',
      onsubmit: (event: Event) => {
        event.preventDefault();
        window.location.hash = href(['audit'], {
          client: clientInput.value.trim(),
          action: actionSelect.value,
        });
      },
    },
    field('Client id (exact)', clientInput),
    field('Action', actionSelect),
    h('button', { type: 'submit' }, 'Filter'),
  );
  const chainSlot = h('div', { 'aria-busy': 'true' }, h('p', {}, 'Checking the audit chain…'));
  const result = h('div', { class: 'result', 'aria-busy': 'true' }, h('p', {}, 'Loading…'));
  replace(main, h('h1', { id: 'view-title' }, 'Audit log'), chainSlot, form, result);

  const chainDone = adminRequest<ChainState>(session.token, 'GET', '/api/admin/audit/chain').then(
    (chain) => replace(chainSlot, chainBanner(chain)),
    (error: unknown) =>
      replace(
        chainSlot,
        h('p', { class: 'error', role: 'alert' }, `Chain not checked: ${describeError(error)}`),
      ),
  );
  try {
    const page = await adminRequest<Page<AuditEntry>>(
      session.token,
      'GET',
      '/api/admin/audit/recent',
      {
        client_id: client,
        action,
        cursor,
        limit: 50,
      },
    );
    const summary =
      page.items.length === 0
        ? 'No audit entry matches these filters.'
        : `Entries #${page.items[0]!.seq} to #${page.items[page.items.length - 1]!.seq}, newest first.`;
    replace(
      result,
      h('p', { class: 'summary' }, summary),
      page.items.length > 0 ? auditTable(page.items, 'Audit entries, newest first') : null,
      h(
        'nav',
        { class: 'pager', 'aria-label': 'Pages of the audit log' },
        cursor ? h('a', { href: href(['audit'], { client, action }) }, 'Newest entries') : null,
        page.next_cursor
          ? h(
              'a',
              { href: href(['audit'], { client, action, cursor: page.next_cursor }), rel: 'next' },
              'Older entries',
            )
          : null,
      ),
    );
    // A view the reader has left stays silent.
    if (main.isConnected) announce(summary);
  } catch (error) {
    replace(result, h('p', { class: 'error', role: 'alert' }, describeError(error)));
  }
  result.removeAttribute('aria-busy');
  await chainDone;
  chainSlot.removeAttribute('aria-busy');
}
