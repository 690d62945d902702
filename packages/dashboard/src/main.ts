// The dashboard's entry: a hash router over five views, the Overview first. Admin views ask for a
// token first; the Try-it view needs none (it acts as a client with its own key).
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
import { renderTryIt } from './views/try-it-view.js';

const main = document.getElementById('main')!;
const sessionState = document.getElementById('session-state')!;

const TITLES: Record<string, string> = {
  overview: 'Overview',
  keys: 'Keys',
  clients: 'Keys',
  audit: 'Audit log',
  try: 'Try it',
};

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
              onclick: () => {
                signOut();
                void show();
              },
            },
            'Sign out',
          ),
        ]
      : null,
  );
}

let rendering = 0;

async function show(moveFocus = false): Promise<void> {
  const route = parseRoute(window.location.hash);
  const view = TITLES[route.view] ? route.view : 'overview';
  const ticket = ++rendering;
  document.title = `${TITLES[view]} · DataFold Keys`;
  document.querySelectorAll<HTMLAnchorElement>('nav a[data-view]').forEach((link) => {
    const current = link.dataset.view === (view === 'clients' ? 'keys' : view);
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
  try {
    if (view === 'try') {
      renderTryIt(main);
    } else {
      const session = adminSession();
      if (!session) {
        renderLogin(main, TITLES[view]!, () => void show(true));
        return;
      }
      if (view === 'overview') await renderOverview(main, session, route);
      else if (view === 'audit') await renderAudit(main, session, route);
      else if (view === 'clients' && route.params[0])
        await renderClient(main, session, route.params[0]);
      else await renderKeys(main, session, route);
    }
  } catch (error) {
    if (ticket === rendering) {
      replace(
        main,
        h('h1', {}, 'This view could not be shown'),
        h('p', { class: 'error', role: 'alert' }, describeError(error)),
      );
    }
  }
  // Moving focus to the new view's heading tells screen readers the page changed.
  if (moveFocus && ticket === rendering) {
    const title = main.querySelector<HTMLElement>('h1');
    if (title) {
      title.tabIndex = -1;
      title.focus();
    }
  }
}

onSessionChange(renderSessionState);
window.addEventListener('hashchange', () => void show(true));
window.addEventListener('unhandledrejection', (event) => {
  main.prepend(h('p', { class: 'error', role: 'alert' }, describeError(event.reason)));
});
renderSessionState();
const linkToken = takeSignInLinkToken();
if (linkToken) {
  // A refused link shows the sign-in form with the server's reason above it.
  signIn(linkToken).then(
    () => void show(),
    (error: unknown) =>
      void show().then(() =>
        main.prepend(h('p', { class: 'error', role: 'alert' }, describeError(error))),
      ),
  );
} else {
  void show();
}
