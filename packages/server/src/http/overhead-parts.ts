/**
 * The parts of the work around every request whose cost bench/server/overhead.mjs measures by
 * leaving them out: the log (request lines and every other), the request metrics, the security
 * headers and the request ids. For measurement only: an app without them answers without
 * request ids or security headers and tells nobody what it did, which no deployment wants, so
 * the switch is an environment variable the bench sets, not a documented option. The rate
 * limits need none: each is turned off by its own setting (0).
 */
export const OVERHEAD_PARTS = ['logging', 'metrics', 'security-headers', 'request-ids'] as const;

/** One part of the per-request work that can be left out for a measurement. */
export type OverheadPart = (typeof OVERHEAD_PARTS)[number];

/** The variable that names the parts to leave out, comma-separated (`all` for every one). */
export const LEAVE_OUT_ENV = 'DATAFOLD_BENCH_LEAVE_OUT';

/**
 * The parts the environment asks to leave out; none unless the bench set the variable. A name
 * that is not a part is refused, so a typo cannot measure the wrong thing in silence.
 *
 * @example
 * overheadPartsLeftOut({ DATAFOLD_BENCH_LEAVE_OUT: 'logging,metrics' }); // Set {'logging', 'metrics'}
 */
export function overheadPartsLeftOut(
  env: Readonly<Record<string, string | undefined>>,
): ReadonlySet<OverheadPart> {
  const value = env[LEAVE_OUT_ENV]?.trim();
  if (!value) return new Set();
  if (value === 'all') return new Set(OVERHEAD_PARTS);
  const parts = new Set<OverheadPart>();
  for (const name of value.split(',').map((s) => s.trim())) {
    if (!(OVERHEAD_PARTS as readonly string[]).includes(name)) {
      throw new Error(`${LEAVE_OUT_ENV}: ${name} is not one of all, ${OVERHEAD_PARTS.join(', ')}`);
    }
    parts.add(name as OverheadPart);
  }
  return parts;
}
