import '../overview.css';
import {
  ACTIVITY_WINDOWS,
  type ActivityReport,
  type ActivityWindow,
  type HealthReport,
} from '../activity-api.js';
import { activityChart, bucketWords, readerZone } from '../activity-chart.js';
import { adminRequest, type ChainState } from '../admin-api.js';
import type { AdminSession } from '../admin-session.js';
import { describeError } from '../describe-error.js';
import { h, replace } from '../dom.js';
import { statusBadge, timeElement } from '../format.js';
import { href, type Route } from '../route.js';

/** How often the overview reads again while it is on screen. */
export const OVERVIEW_REFRESH_MS = 10_000;

const WINDOW_WORDS: Record<ActivityWindow, string> = {
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
};

/** The window the address asks for; 24 hours when it names none or an unknown one. */
export function overviewWindow(route: Route): ActivityWindow {
  const asked = route.query.get('window');
  return (ACTIVITY_WINDOWS as readonly string[]).includes(asked ?? '')
    ? (asked as ActivityWindow)
    : '24h';
}

function windowSwitch(current: ActivityWindow): HTMLElement {
  return h(
    'nav',
    { class: 'window-switch', 'aria-label': 'Time window' },
    h(
      'ul',
      {},
      ACTIVITY_WINDOWS.map((w) =>
        h(
          'li',
          {},
          h(
            'a',
            {
              href: href(['overview'], { window: w }),
              'aria-current': w === current ? 'true' : null,
            },
            WINDOW_WORDS[w],
          ),
        ),
      ),
    ),
  );
}

function charts(report: ActivityReport): HTMLElement {
  const common = { buckets: report.buckets, bucketSeconds: report.bucket_seconds };
  const { series, totals } = report;
  const quiet = Object.values(totals).every((t) => t.ok === 0 && t.failed === 0);
  const pair = (kind: keyof ActivityReport['series'], ok: string, failed: string) => [
    { label: ok, values: series[kind].ok, tone: 'ok' as const },
    { label: failed, values: series[kind].failed, tone: 'failed' as const },
  ];
  return h(
    'div',
    {},
    quiet
      ? h(
          'p',
          { class: 'empty-note' },
          `Nothing happened in this window (${WINDOW_WORDS[report.window].toLowerCase()}): no verifications, registrations, rotations or revocations.`,
        )
      : null,
    h(
      'div',
      { class: 'chart-grid' },
      activityChart({
        id: 'chart-verifications',
        title: 'Verifications',
        wide: true,
        ...common,
        series: pair('verification', 'Verified', 'Failed'),
      }),
      activityChart({
        id: 'chart-registrations',
        title: 'Registrations',
        ...common,
        series: pair('registration', 'Registered', 'Refused'),
      }),
      activityChart({
        id: 'chart-rotations',
        title: 'Rotations',
        ...common,
        series: pair('rotation', 'Rotated', 'Refused'),
      }),
      activityChart({
        id: 'chart-revocations',
        title: 'Revocations',
        ...common,
        series: pair('revocation', 'Revoked', 'Refused'),
      }),
    ),
  );
}

function topClients(report: ActivityReport): HTMLElement {
  const rows = report.top_failing_clients;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'top-clients-title' },
    h('h2', { id: 'top-clients-title' }, 'Top clients by failures'),
    rows.length === 0
      ? h('p', { class: 'muted' }, 'No failures in this window.')
      : h(
          'table',
          { class: 'rows top-clients' },
          h(
            'caption',
            { class: 'visually-hidden' },
            `Clients with the most failures, ${WINDOW_WORDS[report.window].toLowerCase()}`,
          ),
          h(
            'thead',
            {},
            h('tr', {}, h('th', { scope: 'col' }, 'Client'), h('th', { scope: 'col' }, 'Failures')),
          ),
          h(
            'tbody',
            {},
            rows.map((row) =>
              h(
                'tr',
                {},
                h(
                  'th',
                  { scope: 'row', 'data-label': 'Client' },
                  h('a', { href: href(['clients', row.client_id]) }, row.client_id),
                ),
                h('td', { 'data-label': 'Failures' }, String(row.failures)),
              ),
            ),
          ),
        ),
    h(
      'p',
      { class: 'hint' },
      'Failed verifications and refused registrations, rotations and revocations, by the client id they named.',
    ),
  );
}

function keyCounts(report: ActivityReport): HTMLElement {
  const statuses = ['active', 'superseded', 'revoked'] as const;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'key-counts-title' },
    h('h2', { id: 'key-counts-title' }, 'Keys'),
    h(
      'ul',
      { class: 'key-counts' },
      statuses.map((status) =>
        h(
          'li',
          {},
          h(
            'a',
            { href: href(['keys'], { status }) },
            h('span', { class: 'count', 'data-status': status }, String(report.keys[status])),
            ' ',
            statusBadge(status),
          ),
        ),
      ),
    ),
  );
}

function chainCard(chain: ChainState | Error): HTMLElement {
  const body =
    chain instanceof Error
      ? h('p', { class: 'error' }, `Not checked: ${describeError(chain)}`)
      : chain.intact
        ? [
            h(
              'p',
              {},
              h('span', { class: 'state state-ok' }, 'Intact'),
              ` ${chain.entries} entr${chain.entries === 1 ? 'y' : 'ies'}, every link and hash checked.`,
            ),
            h('p', { class: 'hint' }, 'Checked ', timeElement(chain.checked_at), '.'),
          ]
        : [
            h(
              'p',
              { role: 'alert' },
              h('span', { class: 'state state-bad' }, 'Broken'),
              ` at entry #${chain.broken_at_seq}: ${chain.problem ?? 'an entry does not match the chain'}.`,
            ),
            h('p', {}, h('a', { href: href(['audit']) }, 'Open the audit log')),
          ];
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'chain-card-title' },
    h('h2', { id: 'chain-card-title' }, 'Audit chain'),
    body,
  );
}

function healthCard(health: HealthReport | Error): HTMLElement {
  if (health instanceof Error) {
    return h(
      'section',
      { class: 'card', 'aria-labelledby': 'health-title' },
      h('h2', { id: 'health-title' }, 'Server health'),
      h(
        'p',
        {},
        h('span', { class: 'state state-bad' }, 'Unavailable'),
        ' ',
        describeError(health),
      ),
    );
  }
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'health-title' },
    h('h2', { id: 'health-title' }, 'Server health'),
    h(
      'p',
      {},
      h(
        'span',
        { class: `state ${health.status === 'ok' ? 'state-ok' : 'state-bad'}` },
        health.status === 'ok' ? 'OK' : health.status,
      ),
      ` Database ${health.database.status} (${health.database.dialect}).`,
    ),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Change feed'),
      h('dd', {}, health.change_feed.state),
      h('dt', {}, 'Verify cache'),
      h('dd', {}, `${health.verify_cache.state}, ${health.verify_cache.entries} entries`),
      h('dt', {}, 'Proof required'),
      h('dd', {}, health.registration.proof_required ? 'yes' : 'no'),
    ),
    health.warnings.length
      ? h(
          'ul',
          { class: 'warnings' },
          health.warnings.map((w) =>
            h('li', {}, h('span', { class: 'state state-warn' }, 'Warning'), ` ${w}`),
          ),
        )
      : null,
  );
}

const settle = <T>(promise: Promise<T>): Promise<T | Error> =>
  promise.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));

/**
 * The Overview, the first view after sign-in: activity charts for the last hour, day or week
 * (the window is in the address), top clients by failures, keys by status, the audit chain and
 * the server's health. It reads again every 10 seconds while the tab is visible and the view is
 * on screen: hidden, it waits; once `signal` aborts (the address changed), it stops for good.
 *
 * @example
 * await renderOverview(main, session, parseRoute('#/overview?window=1h'));
 */
export async function renderOverview(
  main: HTMLElement,
  session: AdminSession,
  route: Route,
  signal: AbortSignal = new AbortController().signal,
): Promise<void> {
  const chosen = overviewWindow(route);
  const updated = h('p', { class: 'updated muted' }, 'Loading…');
  const activitySlot = h('div', { class: 'activity', 'aria-busy': 'true' });
  const sideSlot = h('div', { class: 'overview-side' });
  const root = h(
    'div',
    { class: 'overview' },
    h(
      'div',
      { class: 'overview-head' },
      h('h1', { id: 'view-title' }, 'Overview'),
      windowSwitch(chosen),
    ),
    updated,
    activitySlot,
    sideSlot,
  );
  replace(main, root);

  let shown = '';
  const load = async (): Promise<void> => {
    const [activity, chain, health] = await Promise.all([
      settle(
        adminRequest<ActivityReport>(session.token, 'GET', '/api/admin/activity', {
          window: chosen,
        }),
      ),
      settle(adminRequest<ChainState>(session.token, 'GET', '/api/admin/audit/chain')),
      settle(adminRequest<HealthReport>(session.token, 'GET', '/api/health')),
    ]);
    if (signal.aborted || !root.isConnected) return;
    // Redrawn only when something changed, so focus and an open table survive a refresh.
    const stamp = JSON.stringify([
      activity instanceof Error ? activity.message : activity,
      chain instanceof Error ? chain.message : { ...chain, checked_at: null, full_check_at: null },
      health instanceof Error ? health.message : health,
    ]);
    if (stamp !== shown) {
      shown = stamp;
      if (activity instanceof Error) {
        replace(activitySlot, h('p', { class: 'error', role: 'alert' }, describeError(activity)));
      } else {
        replace(
          activitySlot,
          h(
            'p',
            { class: 'hint' },
            `${WINDOW_WORDS[chosen]}, bars ${bucketWords(activity.bucket_seconds)}, times in ${readerZone()}; counted by every server instance, up to a few seconds behind.`,
          ),
          charts(activity),
        );
      }
      replace(
        sideSlot,
        activity instanceof Error ? null : keyCounts(activity),
        chainCard(chain),
        healthCard(health),
        activity instanceof Error ? null : topClients(activity),
      );
    }
    activitySlot.removeAttribute('aria-busy');
    replace(
      updated,
      'Updated ',
      timeElement(new Date().toISOString()),
      `; refreshes every ${OVERVIEW_REFRESH_MS / 1000} s while shown.`,
    );
  };
  await load();
  keepFresh(signal, load);
}

/**
 * Calls `load` every OVERVIEW_REFRESH_MS while the tab is visible: hidden, it waits; shown again,
 * it reads at once; once `signal` aborts (the reader went elsewhere), it stops for good.
 */
function keepFresh(signal: AbortSignal, load: () => Promise<void>): void {
  let timer: number | null = null;
  const stop = () => {
    if (timer !== null) window.clearTimeout(timer);
    timer = null;
  };
  const schedule = () => {
    stop();
    timer = window.setTimeout(() => void tick(), OVERVIEW_REFRESH_MS);
  };
  const tick = async () => {
    if (signal.aborted) return done();
    if (document.visibilityState !== 'visible') return stop();
    await load();
    schedule();
  };
  const onVisibility = () => {
    if (signal.aborted) return done();
    if (document.visibilityState === 'visible') void tick();
    else stop();
  };
  const done = () => {
    stop();
    document.removeEventListener('visibilitychange', onVisibility);
  };
  if (signal.aborted) return;
  document.addEventListener('visibilitychange', onVisibility);
  signal.addEventListener('abort', done, { once: true });
  schedule();
}
