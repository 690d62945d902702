import { h } from '../dom.js';

const DAY_MS = 86_400_000;

/** Whole days from `iso` to now (never negative). */
export function daysSince(iso: string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / DAY_MS));
}

/**
 * A key's age as the keys list shows it: "today", "1 day", "37 days".
 *
 * @example
 * ageText('2026-01-01T00:00:00.000Z');
 */
export function ageText(registeredAt: string, now = Date.now()): string {
  const days = daysSince(registeredAt, now);
  return days === 0 ? 'today' : `${days} day${days === 1 ? '' : 's'}`;
}

/**
 * The rotation cell: when the client reported a rotation policy (`metadata.rotation_interval_days`,
 * answered as `rotation_due_at`), the due date and whether it is due within a week or overdue,
 * in words as well as colour.
 *
 * @example
 * rotationElement(row.rotation_due_at);
 */
export function rotationElement(dueAt: string | null | undefined, now = Date.now()): HTMLElement {
  if (!dueAt)
    return h(
      'span',
      { class: 'muted', title: 'the client reported no rotation policy' },
      'no policy',
    );
  const left = Math.ceil((Date.parse(dueAt) - now) / DAY_MS);
  const date = dueAt.slice(0, 10);
  if (left < 0) {
    return h(
      'span',
      { class: 'badge badge-overdue', title: `due ${dueAt} (UTC)` },
      `overdue since ${date}`,
    );
  }
  if (left <= 7) {
    return h('span', { class: 'badge badge-due', title: `due ${dueAt} (UTC)` }, `due ${date}`);
  }
  return h('span', { title: `due ${dueAt} (UTC)` }, `due ${date}`);
}
