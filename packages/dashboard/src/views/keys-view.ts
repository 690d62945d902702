import { adminRequest, type AdminRegistration, type Page } from '../admin-api.js';
import type { AdminSession } from '../admin-session.js';
import { describeError } from '../describe-error.js';
import { announce, field, h, replace } from '../dom.js';
import { fingerprintElement, statusBadge, timeElement } from '../format.js';
import { href, type Route } from '../route.js';

const STATUSES = ['active', 'revoked', 'superseded'] as const;

function registrationRow(row: AdminRegistration): HTMLElement {
  return h(
    'tr',
    {},
    h(
      'th',
      { scope: 'row', 'data-label': 'Client' },
      h('a', { href: href(['clients', row.client_id]) }, row.client_id),
    ),
    h('td', { 'data-label': 'Status' }, statusBadge(row.status)),
    h('td', { 'data-label': 'Key name' }, row.key_name ?? h('span', { class: 'muted' }, 'none')),
    h('td', { 'data-label': 'Fingerprint' }, fingerprintElement(row.public_key, 'short')),
    h('td', { 'data-label': 'Registered' }, timeElement(row.registered_at)),
    h('td', { 'data-label': 'Last used' }, timeElement(row.last_used, 'never')),
  );
}

/**
 * The Keys view: registrations with status, key name, fingerprint, registered and last-used
 * times; search by client id (prefix) or key name, a status filter, and cursor pagination. The
 * filters live in the address, so Back returns to the previous page of results.
 *
 * @example
 * await renderKeys(main, session, parseRoute('#/keys?status=active'));
 */
export async function renderKeys(
  main: HTMLElement,
  session: AdminSession,
  route: Route,
): Promise<void> {
  const search = route.query.get('search') ?? '';
  const status = route.query.get('status') ?? '';
  const cursor = route.query.get('cursor');

  const searchInput = h('input', {
    id: 'key-search',
    name: 'search',
    type: 'search',
    value: search,
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const statusSelect = h(
    'select',
    { id: 'key-status', name: 'status' },
    h('option', { value: '' }, 'Any status'),
    STATUSES.map((s) => h('option', { value: s, selected: s === status }, s)),
  );
  const form = h(
    'form',
    {
      role: 'search',
      class: 'filters',
      'aria-label': 'Find registrations',
      onsubmit: (event: Event) => {
        event.preventDefault();
        window.location.hash = href(['keys'], {
          search: searchInput.value.trim(),
          status: statusSelect.value,
        });
      },
    },
    field('Client id or key name', searchInput, 'Client ids match from the start.'),
    field('Status', statusSelect),
    h('button', { type: 'submit' }, 'Search'),
  );
  const result = h('div', { class: 'result', 'aria-busy': 'true' }, h('p', {}, 'Loading…'));
  replace(main, h('h1', { id: 'view-title' }, 'Keys'), form, result);

  let page: Page<AdminRegistration>;
  try {
    page = await adminRequest<Page<AdminRegistration>>(
      session.token,
      'GET',
      '/api/admin/registrations',
      { search, status, cursor, limit: 25 },
    );
  } catch (error) {
    replace(result, h('p', { class: 'error', role: 'alert' }, describeError(error)));
    result.removeAttribute('aria-busy');
    return;
  }
  result.removeAttribute('aria-busy');
  const filtered = search || status;
  const summary =
    page.items.length === 0
      ? filtered
        ? 'No registration matches these filters.'
        : 'No keys are registered yet. Register one from the Try it view.'
      : `${page.items.length} registration${page.items.length === 1 ? '' : 's'}` +
        (cursor ? ' on this page' : '') +
        (page.next_cursor ? '; more on the next page.' : '.');
  const pager = h(
    'nav',
    { class: 'pager', 'aria-label': 'Pages of registrations' },
    cursor ? h('a', { href: href(['keys'], { search, status }) }, 'First page') : null,
    page.next_cursor
      ? h(
          'a',
          { href: href(['keys'], { search, status, cursor: page.next_cursor }), rel: 'next' },
          'Next page',
        )
      : null,
  );
  replace(
    result,
    h('p', { class: 'summary' }, summary),
    page.items.length === 0
      ? null
      : h(
          'table',
          { class: 'rows' },
          h(
            'caption',
            { class: 'visually-hidden' },
            // The server orders a search by client id, a plain listing by registration time.
            search ? 'Registered keys matching the search' : 'Registered keys, oldest first',
          ),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Client', 'Status', 'Key name', 'Fingerprint', 'Registered', 'Last used'].map((t) =>
                h('th', { scope: 'col' }, t),
              ),
            ),
          ),
          h('tbody', {}, page.items.map(registrationRow)),
        ),
    pager,
  );
  announce(summary);
}
