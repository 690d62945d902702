import { signIn } from '../admin-session.js';
import { describeError } from '../describe-error.js';
import { announce, field, h, replace } from '../dom.js';

/**
 * The sign-in form shown in place of an admin view until a token is accepted. The token field is
 * a password input (not echoed, not autofilled into history) and the token is sent only to this
 * server's `/api/admin/session`.
 *
 * @example
 * renderLogin(main, 'Keys', () => router.refresh());
 */
export function renderLogin(main: HTMLElement, viewName: string, onSignedIn: () => void): void {
  const input = h('input', {
    id: 'admin-token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
  });
  const error = h('p', { class: 'error', id: 'login-error', role: 'alert' });
  const button = h('button', { type: 'submit' }, 'Sign in');
  const form = h(
    'form',
    {
      class: 'card login',
      'aria-labelledby': 'login-title',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const token = input.value.trim();
        if (!token) {
          error.textContent = 'Enter an admin or auditor token.';
          input.focus();
          return;
        }
        button.disabled = true;
        error.textContent = '';
        signIn(token).then(
          () => {
            announce('Signed in');
            onSignedIn();
          },
          (failure: unknown) => {
            button.disabled = false;
            error.textContent = describeError(failure);
            input.setAttribute('aria-invalid', 'true');
            input.focus();
          },
        );
      },
    },
    h('h1', { id: 'login-title' }, `${viewName}: sign in`),
    h(
      'p',
      {},
      'Enter an admin or auditor token. It is kept in this page’s memory only, until you sign ' +
        'out or close or reload the page.',
    ),
    field(
      'Admin token',
      input,
      'Create one on the server with: datafold-server token create --role admin',
    ),
    error,
    button,
  );
  replace(main, form);
  input.focus();
}
