import { adminRequest, type AdminRegistration, type Page } from '../admin-api.js';
import type { AdminSession } from '../admin-session.js';
import { describeError } from '../describe-error.js';
import { announce, field, h, replace } from '../dom.js';
import { fingerprintElement, statusBadge, timeElement } from '../format.js';
import { href, type Route } from '../route.js';
import { ageText, rotationElement } from './key-age.js';
import {
  DEFAULT_SORT,
  describeSort,
  SORTABLE as SORTABLE_COLUMNS,
  sortFromAddress,
  sortHeader,
  type SortColumn,
} from './keys-sorting.js';

const STATUSES = ['active', 'revoked', 'superseded'] as const;
/** The server's `rotation` filter values and their labels. */
const ROTATION_FILTERS = [
  ['due', 'Due within 7 days'],
  ['overdue', 'Overdue'],
] as const;
const COLUMNS = [
  'Client',
  'Status',
  'Key name',
  'Fingerprint',
  'Registered',
  'Age',
  'Last used',
  'Rotation',
] as const;

function registrationRow(row: AdminRegistration): HTMLElement {
  return h(
    'tr',
    {},
    h(
      'th',
      { scope: 'row', 'data-label': 'Client' },
      h('a', { href: href(['clients', row.client_id]) }, row.client_id),
    ),
    h(
      'td',
      { 'data-label': 'Status' },
      statusBadge(row.status),
      // Something still signs with a key a rotation replaced: worth a look.
      row.used_after_superseded
        ? [' ', h('span', { class: 'badge badge-overdue' }, 'used after rotation')]
        : null,
    ),
    h('td', { 'data-label': 'Key name' }, row.key_name ?? h('span', { class: 'muted' }, 'none')),
    h('td', { 'data-label': 'Fingerprint' }, fingerprintElement(row.public_key, 'short')),
    h('td', { 'data-label': 'Registered' }, timeElement(row.registered_at)),
    h('td', { 'data-label': 'Age' }, ageText(row.registered_at)),
    h('td', { 'data-label': 'Last used' }, timeElement(row.last_used, 'never')),
    h('td', { 'data-label': 'Rotation' }, rotationElement(row.rotation_due_at)),
  );
}

/** The list's state as the address holds it; every control navigates to a new address. */
interface ListState {
  search: string;
  status: string;
  /** The `sort` the address names; null: the server's default (newest first). */
  sort: string | null;
  olderThanDays: string;
  neverUsed: boolean;
  /** '', 'due' (within 7 days or overdue) or 'overdue'. */
  rotation: string;
}

function stateFromRoute(route: Route): ListState {
  const days = route.query.get('older_than_days') ?? '';
  return {
    search: route.query.get('search') ?? '',
    status: route.query.get('status') ?? '',
    sort: sortFromAddress(route.query.get('sort')),
    olderThanDays: /^[0-9]{1,5}$/.test(days) ? days : '',
    neverUsed: route.query.get('never_used') === 'true',
    rotation: ROTATION_FILTERS.find(([value]) => value === route.query.get('rotation'))?.[0] ?? '',
  };
}

/**
 * The address (and server query) of a state. A search has its own order (matches by client id,
 * then key name) and the server takes no sort or age filter with it, so those are left out.
 */
function queryOf(state: ListState): Record<string, string> {
  if (state.search) return { search: state.search, status: state.status };
  return {
    // Older-than and rotation list active keys only; the server refuses another status with them.
    status:
      (state.olderThanDays || state.rotation) && state.status !== 'active' ? '' : state.status,
    sort: state.sort ?? '',
    older_than_days: state.olderThanDays,
    never_used: state.neverUsed ? 'true' : '',
    rotation: state.rotation,
  };
}

/**
 * The Keys view: registrations with status, key name, fingerprint, registered time and age, last
 * use, and rotation due date; sortable by any of its columns but the fingerprint (its order
 * means nothing); search by client id (prefix) or key name, filters by status, by age ("older
 * than N days", active keys) and "never used", and cursor pagination. Sort, filters and page live
 * in the address, so a link or Back restores the list.
 *
 * @example
 * await renderKeys(main, session, parseRoute('#/keys?status=active'));
 */
export async function renderKeys(
  main: HTMLElement,
  session: AdminSession,
  route: Route,
): Promise<void> {
  const state = stateFromRoute(route);
  const { search, status } = state;
  const cursor = route.query.get('cursor');
  const go = (next: ListState) => (window.location.hash = href(['keys'], queryOf(next)));

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
  const olderInput = h('input', {
    id: 'key-older-than',
    name: 'older_than_days',
    type: 'number',
    inputmode: 'numeric',
    min: '0',
    max: '99999',
    step: '1',
    value: state.olderThanDays,
  });
  const rotationSelect = h(
    'select',
    { id: 'key-rotation', name: 'rotation' },
    h('option', { value: '' }, 'Any'),
    ROTATION_FILTERS.map(([value, label]) =>
      h('option', { value, selected: value === state.rotation }, label),
    ),
  );
  const neverUsedBox = h('input', {
    id: 'key-never-used',
    name: 'never_used',
    type: 'checkbox',
    checked: state.neverUsed,
  });
  const form = h(
    'form',
    {
      role: 'search',
      class: 'filters',
      'aria-label': 'Find registrations',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const days = olderInput.value.trim();
        go({
          search: searchInput.value.trim(),
          status: statusSelect.value,
          sort: state.sort,
          olderThanDays: /^[0-9]{1,5}$/.test(days) ? String(Number(days)) : '',
          neverUsed: neverUsedBox.checked,
          rotation: rotationSelect.value,
        });
      },
    },
    field('Client id or key name', searchInput, 'Client ids match from the start.'),
    field('Status', statusSelect),
    field('Older than (days)', olderInput, 'Active keys; not with a search.'),
    field('Rotation', rotationSelect, 'Active keys whose client reported a policy.'),
    h(
      'div',
      { class: 'field field-check' },
      neverUsedBox,
      h('label', { for: 'key-never-used' }, 'Never used'),
    ),
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
      { ...queryOf(state), cursor, limit: 25 },
    );
  } catch (error) {
    replace(result, h('p', { class: 'error', role: 'alert' }, describeError(error)));
    result.removeAttribute('aria-busy');
    return;
  }
  result.removeAttribute('aria-busy');
  const filtered = search || status || state.olderThanDays || state.neverUsed || state.rotation;
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
    cursor ? h('a', { href: href(['keys'], queryOf(state)) }, 'First page') : null,
    page.next_cursor
      ? h(
          'a',
          { href: href(['keys'], { ...queryOf(state), cursor: page.next_cursor }), rel: 'next' },
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
            // A search is ordered by match (client id, then key name); the list by its sort.
            search
              ? 'Registered keys matching the search, by client id'
              : `Registered keys, ${describeSort(state.sort ?? DEFAULT_SORT)}`,
          ),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              COLUMNS.map((column) =>
                !search && column in SORTABLE_COLUMNS
                  ? sortHeader(column as SortColumn, state.sort ?? DEFAULT_SORT, (sort) =>
                      go({ ...state, sort }),
                    )
                  : h('th', { scope: 'col' }, column),
              ),
            ),
          ),
          h('tbody', {}, page.items.map(registrationRow)),
        ),
    pager,
  );
  // A list that arrives after the reader navigated away is drawn into a detached view; it must
  // not speak over the view now shown.
  if (main.isConnected) announce(summary);
}
