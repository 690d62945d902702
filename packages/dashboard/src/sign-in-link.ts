/**
 * Takes the token of a sign-in link (`/#token=…`, printed by `datafold-server` on its first start)
 * out of the address. The fragment never reaches the server or a proxy's log; the address is
 * rewritten at once to the Overview, so the token does not stay in the address bar or in this
 * tab's history. Null when the address carries no token.
 *
 * @example
 * const token = takeSignInLinkToken(); // then signIn(token)
 */
export function takeSignInLinkToken(): string | null {
  const match = /^#token=([A-Za-z0-9_-]{1,200})$/.exec(window.location.hash);
  if (!match) return null;
  history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/overview`);
  return match[1]!;
}
