/**
 * The orders the admin listing of registrations offers (`?sort=`), one per column the dashboard's
 * keys table shows. Each is an index's own order, so a page is an index walk from its cursor and
 * never a sort: ties are broken by the index's later columns, ending with the unique
 * `registration_id`, so every row has exactly one place and keyset cursors never skip or repeat.
 *
 * The public key's fingerprint is not offered: it is a hash of the key, so its order means nothing.
 */
export const SORT_KEYS = ['registered_at', 'client_id', 'key_name', 'status', 'last_used'] as const;

export type SortKey = (typeof SORT_KEYS)[number];

/** `registered_at` ascending, or `-registered_at` descending, for every key. */
export const SORT_VALUES: readonly string[] = SORT_KEYS.flatMap((key) => [key, `-${key}`]);

/** Newest registrations first: what an operator looks at first. */
export const DEFAULT_SORT = '-registered_at';

/** The columns one order walks, in index order; the first may be null (`nullable`). */
export interface SortOrder {
  key: SortKey;
  descending: boolean;
  /** Index order: the sort column, then the tie-breakers. */
  columns: readonly string[];
  /** The sort column may be null (never used, no key name): those rows come last either way. */
  nullable: boolean;
  /** The index that serves this order (migrations 0001, 0002, 0006). */
  index: string;
}

const ORDERS: Record<SortKey, Omit<SortOrder, 'key' | 'descending'>> = {
  registered_at: {
    columns: ['registered_at', 'registration_id'],
    nullable: false,
    index: 'registrations_page_idx',
  },
  client_id: {
    columns: ['client_id', 'registered_at', 'registration_id'],
    nullable: false,
    index: 'registrations_client_page_idx',
  },
  status: {
    columns: ['status', 'registered_at', 'registration_id'],
    nullable: false,
    index: 'registrations_status_page_idx',
  },
  key_name: {
    columns: ['key_name', 'registration_id'],
    nullable: true,
    index: 'registrations_key_name_page_idx',
  },
  last_used: {
    columns: ['last_used', 'registered_at', 'registration_id'],
    nullable: true,
    index: 'registrations_last_used_page_idx',
  },
};

/**
 * The order a `sort` value names; undefined for a value not in {@link SORT_VALUES} (the route's
 * schema refuses those first).
 *
 * @example
 * sortOrder('-last_used'); // { key: 'last_used', descending: true, ... }
 */
export function sortOrder(value: string): SortOrder | undefined {
  const descending = value.startsWith('-');
  const key = (descending ? value.slice(1) : value) as SortKey;
  if (!SORT_KEYS.includes(key)) return undefined;
  return { key, descending, ...ORDERS[key] };
}
