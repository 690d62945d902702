import { h } from './dom.js';

/**
 * What one navigation owns: the element its view draws into and a signal that is aborted when the
 * address changes. A view that awaits (a request, a confirmation) checks the signal before it acts
 * and draws only into its own root, so an answer that arrives after Back or a link was followed
 * can neither change what the new address shows nor carry out an action the reader walked away
 * from.
 */
export interface ViewScope {
  root: HTMLElement;
  signal: AbortSignal;
}

let current: AbortController | null = null;

/**
 * Ends the previous navigation's scope (its signal aborts, its dialogs close, its root leaves the
 * page) and starts a new one inside `main`.
 *
 * @example
 * const { root, signal } = beginViewScope(main, window.location.hash);
 * await renderClient(root, session, clientId, signal);
 */
export function beginViewScope(main: HTMLElement, address: string): ViewScope {
  current?.abort();
  current = new AbortController();
  // A dialog left open by a view that is no longer shown would act on it; any still open closes
  // as cancelled (those opened with openDialog already did on the abort above).
  document
    .querySelectorAll<HTMLDialogElement>('dialog[open]')
    .forEach((dialog) => dialog.close('cancel'));
  const root = h('div', { class: 'view', 'data-address': address });
  main.replaceChildren(root);
  return { root, signal: current.signal };
}

/**
 * True while `scope` is the one on screen: the test a view makes after an await and before it
 * draws or acts.
 *
 * @example
 * const page = await adminRequest(...);
 * if (!isCurrent(scope)) return;
 */
export function isCurrent(scope: ViewScope): boolean {
  return !scope.signal.aborted && scope.root.isConnected;
}
