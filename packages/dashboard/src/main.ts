// The dashboard's entry: a hash router over the views, the Overview first. Admin views ask for a
// token first; the Try-it view needs none (it acts as a client with its own key). The address is
// the state: each navigation gets its own view scope (view-scope.ts), so Back and Forward show
// exactly what the address names and nothing a left view was doing carries on.
import './styles.css';
import { adminSession, onSessionChange, signIn, signOut } from './admin-session.js';
import { describeError } from './describe-error.js';
import { h, replace } from './dom.js';
import { parseRoute } from './route.js';
import { takeSignInLinkToken } from './sign-in-link.js';
import { renderAudit } from './views/audit-view.js';
import { renderClient } from './views/client-view.js';
import { renderKeys } from './views/keys-view.js';
import { renderLogin } from './views/login-view.js';
import { renderOverview } from './views/overview-view.js';
import { renderTokens } from './views/tokens-view.js';
import { renderTryIt } from './views/try-it-view.js';
import { beginViewScope, isCurrent } from './view-scope.js';

const main = document.getElementById('main')!;
const sessionState = document.getElementById('session-state')!;

const TITLES: Record<string, string> = {
  overview: 'Overview',
  keys: 'Keys',
  clients: 'Keys',
  audit: 'Audit log',
  tokens: 'Tokens',
  try: 'Try it',
};

/** Where the sign-in link returns to: the address last shown (a deep link survives it). */
let lastAddress = '#/overview';

function renderNotFound(root: HTMLElement): void {
  replace(
    root,
    h('h1', { id: 'view-title' }, 'No such page'),
    h(
      'p',
      {},
      'This address names no view of the dashboard. ',
      h('a', { href: '#/overview' }, 'Go to the overview'),
      '.',
    ),
  );
}

function renderSessionState(): void {
  const session = adminSession();
  replace(
    sessionState,
    session
      ? [
          `Signed in (${session.role}) `,
          h(
            'button',
            {
              type: 'button',
              class: 'link',
              // The session listener below shows the sign-in form.
              onclick: () => signOut(),
            },
            'Sign out',
          ),
        ]
      : null,
  );
}

async function show(moveFocus = false): Promise<void> {
  const address = window.location.hash;
  const route = parseRoute(address);
  const known = Boolean(TITLES[route.view]) && (route.view !== 'clients' || route.params[0]);
  const view = known ? route.view : 'overview';
  // Before any await: the previous view's signal aborts and its dialogs close.
  const scope = beginViewScope(main, address);
  lastAddress = address || '#/overview';
  document.title = `${known ? TITLES[view] : 'No such page'} · DataFold Keys`;
  document.querySelectorAll<HTMLAnchorElement>('nav a[data-view]').forEach((link) => {
    const current = known && link.dataset.view === (view === 'clients' ? 'keys' : view);
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
  const { root, signal } = scope;
  try {
    if (!known) {
      renderNotFound(root);
    } else if (view === 'try') {
      renderTryIt(root);
    } else {
      const session = adminSession();
      if (!session) {
        // The address stays as it is, so the view it names is shown once signed in.
        renderLogin(root, TITLES[view]!, () => void show(true));
        return;
      }
      if (view === 'overview') await renderOverview(root, session, route, signal);
      else if (view === 'audit') await renderAudit(root, session, route);
      else if (view === 'tokens') await renderTokens(root, session, route, signal);
      else if (view === 'clients') await renderClient(root, session, route.params[0]!, signal);
      else await renderKeys(root, session, route);
    }
  } catch (error) {
    if (isCurrent(scope)) {
      replace(
        root,
        h('h1', {}, 'This view could not be shown'),
        h('p', { class: 'error', role: 'alert' }, describeError(error)),
      );
    }
  }
  // Moving focus to the new view's heading tells screen readers the page changed.
  if (moveFocus && isCurrent(scope)) {
    const title = root.querySelector<HTMLElement>('h1');
    if (title) {
      title.tabIndex = -1;
      title.focus();
    }
  }
}

/** Signs in with a sign-in link's token; a refused one shows the form with the server's reason. */
function signInWithLink(token: string): void {
  signIn(token).then(
    () => void show(),
    (error: unknown) =>
      void show().then(() =>
        main.prepend(h('p', { class: 'error', role: 'alert' }, describeError(error))),
      ),
  );
}

onSessionChange(() => {
  renderSessionState();
  // Signed out (the button, or this page's own token revoked): the admin view gives way to the form.
  if (!adminSession()) void show();
});
window.addEventListener('hashchange', () => {
  // A sign-in link opened in this tab returns to the view it was showing.
  const token = takeSignInLinkToken(lastAddress);
  if (token) signInWithLink(token);
  else void show(true);
});
window.addEventListener('unhandledrejection', (event) => {
  main.prepend(h('p', { class: 'error', role: 'alert' }, describeError(event.reason)));
});
renderSessionState();
const linkToken = takeSignInLinkToken();
if (linkToken) signInWithLink(linkToken);
else void show();
