import { adminRequest, type AdminRegistration, type AuditEntry, type Page } from '../admin-api.js';
import type { AdminSession } from '../admin-session.js';
import { describeError } from '../describe-error.js';
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

/** The confirmation dialog; resolves with the reason when confirmed, null when cancelled. */
function confirmRevoke(clientId: string, fingerprintText: HTMLElement): Promise<string | null> {
  return new Promise((resolve) => {
    const reason = h('input', { id: 'revoke-reason', name: 'reason', maxlength: 256 });
    const dialog = h(
      'dialog',
      { 'aria-labelledby': 'revoke-title', 'aria-describedby': 'revoke-text' },
      h(
        'form',
        { method: 'dialog' },
        h('h2', { id: 'revoke-title' }, `Revoke the key of ${clientId}?`),
        h(
          'p',
          { id: 'revoke-text' },
          'Client ',
          h('strong', {}, clientId),
          ' will no longer verify with its active key (',
          fingerprintText,
          '). This cannot be undone: the client must register a new key.',
        ),
        field('Reason (optional, kept in the audit log)', reason),
        h(
          'div',
          { class: 'actions' },
          h(
            'button',
            { type: 'submit', value: 'cancel', class: 'secondary', autofocus: true },
            'Cancel',
          ),
          h('button', { type: 'submit', value: 'revoke', class: 'danger' }, `Revoke ${clientId}`),
        ),
      ),
    );
    dialog.addEventListener('close', () => {
      const confirmed = dialog.returnValue === 'revoke';
      dialog.remove();
      resolve(confirmed ? reason.value.trim() : null);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/**
 * A client's page: its current state, its key history (each rotation adds a row; replaced keys
 * are `superseded`), its audit entries newest first, and for admin tokens a Revoke button with a
 * confirmation that names the client.
 *
 * @example
 * await renderClient(main, session, 'client_1');
 */
export async function renderClient(
  main: HTMLElement,
  session: AdminSession,
  clientId: string,
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
    replace(
      main,
      h('p', {}, h('a', { href: href(['keys']) }, '← All keys')),
      h('h1', { id: 'view-title' }, clientId),
      h('p', { class: 'error', role: 'alert' }, describeError(error)),
    );
    return;
  }
  const rows = history.registrations;
  const active = rows.find((r) => r.status === 'active');
  const latest = active ?? rows[rows.length - 1]!;
  const message = h('p', { class: 'notice', role: 'status' });
  let revokeButton: HTMLButtonElement | null = null;
  if (active && session.role === 'admin') {
    revokeButton = h('button', { type: 'button', class: 'danger' }, 'Revoke key…');
    revokeButton.addEventListener('click', () => {
      void confirmRevoke(clientId, fingerprintElement(active.public_key)).then(async (reason) => {
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
          await renderClient(main, session, clientId);
          main.querySelector<HTMLElement>('#view-title')?.focus();
        } catch (error) {
          revokeButton!.disabled = false;
          message.className = 'error';
          message.textContent = describeError(error);
        }
      });
    });
  }
  replace(
    main,
    h('p', {}, h('a', { href: href(['keys']) }, '← All keys')),
    h('h1', { id: 'view-title', tabindex: '-1' }, clientId),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Status'),
      h('dd', {}, statusBadge(latest.status)),
      h('dt', {}, 'Public key'),
      h('dd', {}, h('code', { class: 'wrap' }, latest.public_key)),
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
