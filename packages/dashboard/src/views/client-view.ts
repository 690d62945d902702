import { adminRequest, type AdminRegistration, type AuditEntry, type Page } from '../admin-api.js';
import type { AdminSession } from '../admin-session.js';
import { describeError } from '../describe-error.js';
import { copyable } from '../copy-button.js';
import { confirmDialog } from '../dialog.js';
import { announce, field, h, replace } from '../dom.js';
import { fingerprintElement, statusBadge, timeElement } from '../format.js';
import { href } from '../route.js';
import { auditTable } from './audit-table.js';

interface ClientHistory {
  client_id: string;
  registrations: AdminRegistration[];
}

function historyTable(rows: AdminRegistration[]): HTMLElement {
  return h(
    'table',
    { class: 'rows' },
    h('caption', { class: 'visually-hidden' }, 'Key history, oldest first'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        [
          'Version',
          'Status',
          'Fingerprint',
          'Key name',
          'Registered',
          'Last used',
          'Ended',
          'Reason',
        ].map((t) => h('th', { scope: 'col' }, t)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((row, index) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row', 'data-label': 'Version' }, String(index + 1)),
          h('td', { 'data-label': 'Status' }, statusBadge(row.status)),
          h('td', { 'data-label': 'Fingerprint' }, fingerprintElement(row.public_key, 'short')),
          h(
            'td',
            { 'data-label': 'Key name' },
            row.key_name ?? h('span', { class: 'muted' }, 'none'),
          ),
          h('td', { 'data-label': 'Registered' }, timeElement(row.registered_at)),
          h('td', { 'data-label': 'Last used' }, timeElement(row.last_used, 'never')),
          h('td', { 'data-label': 'Ended' }, timeElement(row.status_changed_at)),
          h('td', { 'data-label': 'Reason' }, row.status_reason ?? '—'),
        ),
      ),
    ),
  );
}

/** The confirmation; resolves with the reason when confirmed, null when cancelled or left. */
async function confirmRevoke(
  clientId: string,
  fingerprintText: HTMLElement,
  signal: AbortSignal,
): Promise<string | null> {
  const reason = h('input', { id: 'revoke-reason', name: 'reason', maxlength: 256 });
  const confirmed = await confirmDialog({
    title: `Revoke the key of ${clientId}?`,
    body: [
      'Client ',
      h('strong', {}, clientId),
      ' will no longer verify with its active key (',
      fingerprintText,
      '). This cannot be undone: the client must register a new key.',
    ],
    fields: field('Reason (optional, kept in the audit log)', reason),
    confirmLabel: `Revoke ${clientId}`,
    signal,
  });
  return confirmed ? reason.value.trim() : null;
}

/**
 * A client's page: its current state, its key history (each rotation adds a row; replaced keys
 * are `superseded`), its audit entries newest first, and for admin tokens a Revoke button with a
 * confirmation that names the client. Everything after an await is checked against `signal`:
 * once the reader has navigated away, nothing is drawn and a pending revocation is not sent.
 *
 * @example
 * await renderClient(root, session, 'client_1', signal);
 */
export async function renderClient(
  main: HTMLElement,
  session: AdminSession,
  clientId: string,
  signal: AbortSignal,
): Promise<void> {
  replace(
    main,
    h('p', {}, h('a', { href: href(['keys']) }, '← All keys')),
    h('h1', { id: 'view-title' }, clientId),
    h('p', { 'aria-busy': 'true' }, 'Loading…'),
  );
  let history: ClientHistory;
  let audit: Page<AuditEntry>;
  try {
    [history, audit] = await Promise.all([
      adminRequest<ClientHistory>(
        session.token,
        'GET',
        `/api/admin/clients/${encodeURIComponent(clientId)}`,
      ),
      adminRequest<Page<AuditEntry>>(session.token, 'GET', '/api/admin/audit/recent', {
        client_id: clientId,
        limit: 50,
      }),
    ]);
  } catch (error) {
    if (signal.aborted) return;
    replace(
      main,
      h('p', {}, h('a', { href: href(['keys']) }, '← All keys')),
      h('h1', { id: 'view-title' }, clientId),
      h('p', { class: 'error', role: 'alert' }, describeError(error)),
    );
    return;
  }
  if (signal.aborted) return;
  const rows = history.registrations;
  const active = rows.find((r) => r.status === 'active');
  const latest = active ?? rows[rows.length - 1]!;
  const message = h('p', { class: 'notice', role: 'status' });
  let revokeButton: HTMLButtonElement | null = null;
  if (active && session.role === 'admin') {
    revokeButton = h('button', { type: 'button', class: 'danger' }, 'Revoke key…');
    revokeButton.addEventListener('click', () => {
      void confirmRevoke(clientId, fingerprintElement(active.public_key), signal).then(
        async (reason) => {
          // Left by navigation: the dialog closed as cancelled and this view is gone.
          if (signal.aborted) return;
          if (reason === null) {
            revokeButton?.focus();
            return;
          }
          revokeButton!.disabled = true;
          try {
            await adminRequest(
              session.token,
              'POST',
              `/api/admin/registrations/${encodeURIComponent(clientId)}/revoke`,
              {},
              { reason: reason || null },
            );
            announce(`Key of ${clientId} revoked`);
            await renderClient(main, session, clientId, signal);
            if (!signal.aborted) main.querySelector<HTMLElement>('#view-title')?.focus();
          } catch (error) {
            if (signal.aborted) return;
            revokeButton!.disabled = false;
            message.className = 'error';
            message.textContent = describeError(error);
          }
        },
      );
    });
  }
  replace(
    main,
    h('p', {}, h('a', { href: href(['keys']) }, '← All keys')),
    h('h1', { id: 'view-title', tabindex: '-1' }, clientId),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Client id'),
      h('dd', {}, copyable(clientId, 'client id')),
      h('dt', {}, 'Status'),
      h('dd', {}, statusBadge(latest.status)),
      h('dt', {}, 'Public key'),
      h('dd', {}, copyable(latest.public_key, 'public key', 'wrap')),
      h('dt', {}, 'Fingerprint'),
      h('dd', {}, fingerprintElement(latest.public_key)),
      h('dt', {}, 'User id'),
      h('dd', {}, latest.user_id ?? '—'),
      h('dt', {}, 'Proof of possession'),
      h('dd', {}, latest.proof_verified ? 'checked at registration' : 'not sent'),
    ),
    revokeButton,
    !active ? h('p', { class: 'muted' }, 'This client has no active key.') : null,
    session.role !== 'admin' && active
      ? h('p', { class: 'muted' }, 'Revoking needs an admin token; this one is an auditor’s.')
      : null,
    message,
    h('h2', {}, `Key history (${rows.length})`),
    historyTable(rows),
    h('h2', {}, 'Audit entries'),
    audit.items.length === 0
      ? h('p', {}, 'No audit entries for this client.')
      : auditTable(audit.items, `Audit entries of ${clientId}, newest first`),
    audit.next_cursor
      ? h(
          'p',
          {},
          h(
            'a',
            { href: href(['audit'], { client: clientId }) },
            'All audit entries of this client',
          ),
        )
      : null,
  );
}
