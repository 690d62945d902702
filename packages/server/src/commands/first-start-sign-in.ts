import type { SignInLinkMode } from '../config/server-config.js';
import type { AdminTokenService } from '../domain/admin-token-service.js';

/** The label the first-start token carries in `token list` and the audit log. */
export const FIRST_START_TOKEN_LABEL = 'first-start sign-in link';

const CREATE_HINT = '`datafold-server token create --role admin` makes one';

/** Where the first-start message goes: the serve command's stdout, never the logger. */
export interface Terminal {
  write(text: string): void;
  /** A person reads it (a TTY), rather than a log collector or a pipe. */
  isTTY: boolean;
}

/**
 * The dashboard address that signs in with `token`. The token rides in the fragment, which a
 * browser never sends, so it reaches no server or proxy log; the dashboard takes it out of the
 * address bar as soon as it has read it.
 *
 * @example
 * signInLink('http://127.0.0.1:9001', 'dfk_…') // 'http://127.0.0.1:9001/#token=dfk_…'
 */
export function signInLink(base: string, token: string): string {
  return `${base.replace(/\/$/, '')}/#token=${token}`;
}

/**
 * The welcome of a first start, after Jupyter's and Vault dev mode's: when no active admin token
 * exists yet, serve creates one (audited, actor `operator:local`, the default TTL) and prints a
 * sign-in link carrying it, to the terminal only — never to the JSON logs. Under `auto` that
 * happens only when stdout is a terminal; otherwise no token is made (one nobody sees would only
 * be a credential lying around) and the message says how to make one. Once an admin token
 * exists, nothing is created: one line says how to get in.
 *
 * @example
 * await welcomeFirstStart(ctx.tokens, 'http://127.0.0.1:9001', 'auto', process.stdout);
 */
export async function welcomeFirstStart(
  tokens: AdminTokenService,
  base: string,
  mode: SignInLinkMode,
  terminal: Terminal,
): Promise<void> {
  if (mode === 'never') return;
  const active = await tokens.listAll('active');
  if (active.some((token) => token.role === 'admin')) {
    terminal.write(`Sign in to the dashboard with an admin token (${CREATE_HINT}).\n`);
    return;
  }
  if (mode === 'auto' && !terminal.isTTY) {
    terminal.write(`No admin token exists yet: ${CREATE_HINT}, then sign in to the dashboard.\n`);
    return;
  }
  const created = await tokens.create(
    { role: 'admin', label: FIRST_START_TOKEN_LABEL },
    { kind: 'operator' },
  );
  const expiry = created.expires_at === null ? 'never expires' : `expires ${created.expires_at}`;
  terminal.write(
    [
      '',
      'No admin token existed, so this first start created one. Open the dashboard and sign in',
      'with this link (it is shown only now and is never written to the logs):',
      '',
      `    ${signInLink(base, created.token)}`,
      '',
      `Keep it like a password: it is an admin token (id ${created.token_id}, ${expiry}).`,
      `Revoke it with: datafold-server token revoke ${created.token_id}`,
      '',
    ].join('\n'),
  );
}
