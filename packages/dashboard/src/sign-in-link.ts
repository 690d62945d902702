/**
 * Takes the token of a sign-in link (`/#token=…`, printed by `datafold-server` on its first start)
 * out of the address. The fragment never reaches the server or a proxy's log; the address is
 * rewritten at once to `returnTo` (the Overview on a fresh page; the view the reader was on
 * when the link is opened in a tab already showing one, so a deep link survives), and the token
 * does not stay in the address bar or in this tab's history. Null when the address carries no
 * token.
 *
 * @example
 * const token = takeSignInLinkToken(); // then signIn(token)
 */
export function takeSignInLinkToken(returnTo = '#/overview'): string | null {
  const match = /^#token=([A-Za-z0-9_-]{1,200})$/.exec(window.location.hash);
  if (!match) return null;
  history.replaceState(null, '', `${window.location.pathname}${window.location.search}${returnTo}`);
  return match[1]!;
}
