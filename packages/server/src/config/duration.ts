/** Milliseconds per unit of a written duration. */
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A unit a duration may be written in: `ms`, `s`, `m`, `h` or `d`. */
export type DurationUnit = keyof typeof UNIT_MS;

/**
 * Reads a duration written as a whole number and one unit (`500ms`, `10s`, `90d`) into
 * milliseconds, or null when `raw` is not that or uses a unit outside `units`. A unit is always
 * required: a bare `10` could mean seconds or milliseconds, and guessing wrong by a factor of a
 * thousand is how a timeout ends up disabled. At most 5 digits, no leading zero and no zero:
 * every caller wants a positive duration, and 99999 of any unit stays a safe JavaScript date.
 *
 * @example
 * parseDuration('90d', ['s', 'm', 'h', 'd']); // 7776000000
 * parseDuration('10', ['s']); // null
 */
export function parseDuration(raw: string, units: readonly DurationUnit[]): number | null {
  const match = /^([1-9][0-9]{0,4})(ms|s|m|h|d)$/.exec(raw);
  if (!match || !units.includes(match[2] as DurationUnit)) return null;
  return Number(match[1]) * UNIT_MS[match[2] as DurationUnit];
}

/**
 * Writes milliseconds in the largest unit that divides them exactly, the way flags take them.
 *
 * @example
 * formatDuration(7_776_000_000); // '90d'
 * formatDuration(72_000); // '72s'
 */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}
