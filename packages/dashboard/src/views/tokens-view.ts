import { adminRequest, type Page } from '../admin-api.js';
import { signOut, type AdminSession } from '../admin-session.js';
import { copyable, copyButton } from '../copy-button.js';
import { describeError } from '../describe-error.js';
import { confirmDialog } from '../dialog.js';
import { announce, field, h, replace } from '../dom.js';
import { statusBadge, timeElement } from '../format.js';
import { href, type Route } from '../route.js';

/** A token as `GET /api/admin/tokens` lists it: never the secret nor its hash. */
interface AdminToken {
  token_id: string;
  role: 'admin' | 'auditor';
  label: string | null;
  status: 'active' | 'expired' | 'revoked';
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used: string | null;
  parent_token_id: string | null;
}

/** `POST /api/admin/tokens`: the listing fields and, this once, the token itself. */
interface CreatedToken extends AdminToken {
  token: string;
}

/** `POST /api/admin/tokens/{token_id}/revoke`. */
interface TokenRevocation {
  token_id: string;
  revoked_at: string;
  revoked_token_ids: string[];
}

const STATUSES = ['active', 'expired', 'revoked'] as const;

/** Lifetimes offered when creating; the server's default (90 days) is preselected. */
const LIFETIMES: Array<[string, string]> = [
  ['1h', '1 hour'],
  ['24h', '24 hours'],
  ['7d', '7 days'],
  ['30d', '30 days'],
  ['90d', '90 days'],
  ['365d', '1 year'],
  ['never', 'never'],
];

function tokenName(token: AdminToken): string {
  return token.label ?? `${token.token_id.slice(0, 8)}…`;
}

/** Token ids are UUIDs: the first 8 characters tell them apart; copy gives the whole id. */
function tokenIdCell(tokenId: string): HTMLElement {
  return h(
    'span',
    { class: 'copyable' },
    h('code', { title: tokenId }, `${tokenId.slice(0, 8)}…`),
    copyButton(tokenId, `token id ${tokenId.slice(0, 8)}`),
  );
}

/**
 * The Tokens view: who holds access. Every admin and auditor token with its label, role, status,
 * creation, last use and expiry; for admin tokens a form that creates one (the token itself shown
 * this once, with a copy button) and a Revoke button per active token with a confirmation. An
 * auditor sees the list only; the server refuses the changes to an auditor's token in any case.
 *
 * @example
 * await renderTokens(root, session, parseRoute('#/tokens?status=active'), signal);
 */
export async function renderTokens(
  main: HTMLElement,
  session: AdminSession,
  route: Route,
  signal: AbortSignal,
): Promise<void> {
  const status = route.query.get('status') ?? '';
  const cursor = route.query.get('cursor');
  const isAdmin = session.role === 'admin';
  const notice = h('p', { class: 'notice', role: 'status' });
  const created = h('div', { class: 'created-slot' });
  const result = h('div', { class: 'result', 'aria-busy': 'true' }, h('p', {}, 'Loading…'));

  async function revoke(token: AdminToken, button: HTMLButtonElement): Promise<void> {
    const own = token.token_id === session.tokenId;
    const confirmed = await confirmDialog({
      title: `Revoke token ${tokenName(token)}?`,
      body: [
        `Every request with this ${token.role} token is refused from now on, and so are the `,
        'tokens it made. This cannot be undone.',
        own ? ' It is the token this page is signed in with: you will be signed out.' : '',
      ],
      confirmLabel: `Revoke ${tokenName(token)}`,
      signal,
    });
    if (signal.aborted) return;
    if (!confirmed) {
      button.focus();
      return;
    }
    button.disabled = true;
    try {
      const done = await adminRequest<TokenRevocation>(
        session.token,
        'POST',
        `/api/admin/tokens/${encodeURIComponent(token.token_id)}/revoke`,
      );
      if (own) {
        announce('Token revoked; signed out');
        signOut();
        return;
      }
      if (signal.aborted) return;
      const count = done.revoked_token_ids.length;
      const words =
        count <= 1
          ? `Token ${tokenName(token)} revoked.`
          : `Token ${tokenName(token)} revoked, and ${count - 1} token${count === 2 ? '' : 's'} it made.`;
      notice.className = 'notice ok';
      notice.textContent = words;
      announce(words);
      await loadList();
    } catch (error) {
      if (signal.aborted) return;
      button.disabled = false;
      notice.className = 'error';
      notice.textContent = describeError(error);
    }
  }

  function tokenRow(token: AdminToken): HTMLElement {
    const revokeButton =
      isAdmin && token.status === 'active'
        ? h(
            'button',
            {
              type: 'button',
              class: 'danger small',
              'aria-label': `Revoke token ${tokenName(token)}`,
            },
            'Revoke…',
          )
        : null;
    revokeButton?.addEventListener('click', () => void revoke(token, revokeButton));
    return h(
      'tr',
      { 'data-token-id': token.token_id },
      h(
        'th',
        { scope: 'row', 'data-label': 'Label' },
        // One element, so the phone layout's label column keeps it in one cell.
        h(
          'span',
          {},
          token.label ?? h('span', { class: 'muted' }, 'no label'),
          token.token_id === session.tokenId
            ? h('span', { class: 'this-session' }, ' (this session)')
            : null,
        ),
      ),
      h('td', { 'data-label': 'Role' }, token.role),
      h('td', { 'data-label': 'Status' }, statusBadge(token.status)),
      h('td', { 'data-label': 'Created' }, timeElement(token.created_at)),
      h('td', { 'data-label': 'Last used' }, timeElement(token.last_used, 'never')),
      h(
        'td',
        { 'data-label': token.status === 'revoked' ? 'Revoked' : 'Expires' },
        token.status === 'revoked'
          ? timeElement(token.revoked_at)
          : timeElement(token.expires_at, 'never'),
      ),
      h('td', { 'data-label': 'Token id' }, tokenIdCell(token.token_id)),
      isAdmin ? h('td', { 'data-label': 'Actions' }, revokeButton ?? '—') : null,
    );
  }

  async function loadList(): Promise<void> {
    let page: Page<AdminToken>;
    try {
      page = await adminRequest<Page<AdminToken>>(session.token, 'GET', '/api/admin/tokens', {
        status,
        cursor,
        limit: 50,
      });
    } catch (error) {
      if (signal.aborted) return;
      replace(result, h('p', { class: 'error', role: 'alert' }, describeError(error)));
      result.removeAttribute('aria-busy');
      return;
    }
    if (signal.aborted) return;
    result.removeAttribute('aria-busy');
    const summary =
      page.items.length === 0
        ? status
          ? 'No token matches this filter.'
          : 'No tokens.'
        : `${page.items.length} token${page.items.length === 1 ? '' : 's'}` +
          (page.next_cursor ? '; more on the next page.' : ', oldest first.');
    replace(
      result,
      h('p', { class: 'summary' }, summary),
      page.items.length === 0
        ? null
        : h(
            'table',
            { class: 'rows tokens' },
            h('caption', { class: 'visually-hidden' }, 'Admin and auditor tokens, oldest first'),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                [
                  'Label',
                  'Role',
                  'Status',
                  'Created',
                  'Last used',
                  'Expires or revoked',
                  'Token id',
                  isAdmin ? 'Actions' : null,
                ].map((t) => (t ? h('th', { scope: 'col' }, t) : null)),
              ),
            ),
            h('tbody', {}, page.items.map(tokenRow)),
          ),
      h(
        'nav',
        { class: 'pager', 'aria-label': 'Pages of tokens' },
        cursor ? h('a', { href: href(['tokens'], { status }) }, 'First page') : null,
        page.next_cursor
          ? h(
              'a',
              { href: href(['tokens'], { status, cursor: page.next_cursor }), rel: 'next' },
              'Next page',
            )
          : null,
      ),
    );
    if (main.isConnected) announce(summary);
  }

  function showCreated(token: CreatedToken): void {
    const title = h('h2', { id: 'created-title', tabindex: '-1' }, 'Token created: copy it now');
    replace(
      created,
      h(
        'section',
        { class: 'card created', 'aria-labelledby': 'created-title' },
        title,
        h(
          'p',
          {},
          h('strong', {}, 'You will not see it again: '),
          'the server keeps only a hash of it. Put it in your password manager or secret store ' +
            'before you leave this page.',
        ),
        h('p', { class: 'secret' }, copyable(token.token, 'new token', 'wrap')),
        h(
          'p',
          { class: 'muted' },
          `${token.role} token ${tokenName(token)}, `,
          token.expires_at ? ['expires ', timeElement(token.expires_at)] : 'never expires',
          '.',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: () => {
              replace(created);
              main.querySelector<HTMLElement>('#token-label')?.focus();
            },
          },
          'I have stored it: hide it',
        ),
      ),
    );
    title.focus();
  }

  function createForm(): HTMLElement {
    const label = h('input', {
      id: 'token-label',
      name: 'label',
      maxlength: 200,
      autocomplete: 'off',
    });
    const role = h(
      'select',
      { id: 'token-role', name: 'role' },
      h('option', { value: 'auditor' }, 'auditor (read only)'),
      h('option', { value: 'admin' }, 'admin'),
    );
    const ttl = h(
      'select',
      { id: 'token-ttl', name: 'ttl' },
      LIFETIMES.map(([value, words]) => h('option', { value, selected: value === '90d' }, words)),
    );
    const error = h('p', { class: 'error', role: 'alert' });
    const button = h('button', { type: 'submit' }, 'Create token');
    return h(
      'form',
      {
        class: 'card create-token',
        'aria-labelledby': 'create-title',
        onsubmit: (event: Event) => {
          event.preventDefault();
          error.textContent = '';
          button.disabled = true;
          adminRequest<CreatedToken>(
            session.token,
            'POST',
            '/api/admin/tokens',
            {},
            { role: role.value, label: label.value.trim() || null, ttl: ttl.value },
          ).then(
            async (token) => {
              if (signal.aborted) return;
              button.disabled = false;
              label.value = '';
              showCreated(token);
              announce('Token created. Copy it now: it is shown only once.');
              await loadList();
            },
            (failure: unknown) => {
              if (signal.aborted) return;
              button.disabled = false;
              error.textContent = describeError(failure);
            },
          );
        },
      },
      h('h2', { id: 'create-title' }, 'Create a token'),
      h(
        'div',
        { class: 'filters' },
        field('Label', label, 'Who or what holds it, e.g. "on-call laptop".'),
        field('Role', role),
        field('Expires after', ttl, 'No later than the token you are signed in with.'),
      ),
      error,
      button,
    );
  }

  const statusSelect = h(
    'select',
    { id: 'token-status', name: 'status' },
    h('option', { value: '' }, 'Any status'),
    STATUSES.map((s) => h('option', { value: s, selected: s === status }, s)),
  );
  const filters = h(
    'form',
    {
      role: 'search',
      class: 'filters',
      'aria-label': 'Filter tokens',
      onsubmit: (event: Event) => {
        event.preventDefault();
        window.location.hash = href(['tokens'], { status: statusSelect.value });
      },
    },
    field('Status', statusSelect),
    h('button', { type: 'submit' }, 'Filter'),
  );

  replace(
    main,
    h('h1', { id: 'view-title' }, 'Tokens'),
    h(
      'p',
      { class: 'lead' },
      'The admin and auditor tokens that can sign in here and call the admin API. A token is ' +
        'shown once, when it is made; after that only its label and id.',
    ),
    isAdmin
      ? [created, createForm()]
      : h(
          'p',
          { class: 'muted' },
          'Creating and revoking tokens needs an admin token; this one is an auditor’s.',
        ),
    h('h2', {}, 'All tokens'),
    filters,
    notice,
    result,
  );
  await loadList();
}
