import { h } from '../dom.js';

/**
 * The keys list's sortable columns and the server's `sort` values for them
 * (`GET /api/admin/registrations?sort=`). A time column's first click shows the newest first,
 * a text column's A to Z. Without a sort in the address the server's default applies: newest
 * registrations first.
 */
export const SORTABLE = {
  Client: 'client_id',
  Status: 'status',
  'Key name': 'key_name',
  Registered: 'registered_at',
  'Last used': 'last_used',
} as const;

export type SortColumn = keyof typeof SORTABLE;

/** The server's default order, shown as such when the address names none. */
export const DEFAULT_SORT = '-registered_at';

const TIME_KEYS = new Set(['registered_at', 'last_used']);
const SORT_VALUES = new Set(Object.values(SORTABLE).flatMap((key) => [key, `-${key}`]));

/** The sort the address names, if the server offers it; else null (the default order). */
export function sortFromAddress(value: string | null): string | null {
  return value !== null && SORT_VALUES.has(value) ? value : null;
}

/** What a click on a column's header asks for: the other direction, or the column's first one. */
export function nextSort(current: string, key: string): string {
  if (current === key) return `-${key}`;
  if (current === `-${key}`) return key;
  return TIME_KEYS.has(key) ? `-${key}` : key;
}

/** How the list is ordered, in words, for the table's caption. */
export function describeSort(sort: string): string {
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  const column = Object.entries(SORTABLE).find(([, k]) => k === key)?.[0] ?? key;
  const direction = TIME_KEYS.has(key)
    ? descending
      ? 'newest first'
      : 'oldest first'
    : descending
      ? 'Z to A'
      : 'A to Z';
  const nulls =
    key === 'last_used'
      ? '; never used last'
      : key === 'key_name'
        ? '; keys without a name last'
        : '';
  return `sorted by ${column.toLowerCase()}, ${direction}${nulls}`;
}

/**
 * A column header that sorts the list: a button (keyboard operable) inside a `th` whose
 * `aria-sort` says how the list is sorted now. `go` receives the sort to navigate to.
 *
 * @example
 * sortHeader('Client', '-registered_at', (sort) => navigate(sort));
 */
export function sortHeader(
  column: SortColumn,
  current: string,
  go: (sort: string) => void,
): HTMLTableCellElement {
  const key = SORTABLE[column];
  const state = current === key ? 'ascending' : current === `-${key}` ? 'descending' : null;
  const arrow = state === 'ascending' ? '▲' : state === 'descending' ? '▼' : '↕';
  return h(
    'th',
    { scope: 'col', 'aria-sort': state ?? 'none', 'data-sort-key': key },
    h(
      'button',
      {
        type: 'button',
        class: 'sort-button',
        onclick: () => go(nextSort(current, key)),
      },
      column,
      h('span', { class: 'sort-arrow', 'aria-hidden': 'true' }, ` ${arrow}`),
    ),
  );
}
