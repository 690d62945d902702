import type { NowOrLater } from './now-or-later.js';
import type { ResolvedRequestKey } from './verify-http-message.js';

type ResolveKey = (clientId: string) => Promise<ResolvedRequestKey>;
type PeekKey = (clientId: string) => ResolvedRequestKey | undefined;

// The cache of each resolver that keeps one (createDataFoldKeyResolver), by the resolver function:
// a resolver wrapped by the application is asked through its promise, as before.
const peeks = new WeakMap<ResolveKey, PeekKey>();

/**
 * Lets the verifier read `resolveKey`'s fresh cached answers without a promise: `peek` answers
 * exactly what `resolveKey` would resolve to at this instant, or undefined when it would have to
 * look the key up. @internal
 *
 * @example
 * offerCachedKeyAnswers(resolveKey, (clientId) => cache.peek(clientId));
 */
export function offerCachedKeyAnswers(resolveKey: ResolveKey, peek: PeekKey): void {
  peeks.set(resolveKey, peek);
}

/**
 * `options.resolveKey(clientId)` (called on `options`, as the verifier always has), answered
 * synchronously when the resolver holds a fresh answer for it. @internal
 *
 * @example
 * const key = resolveKeyNowOrLater(options, selected.keyid);
 */
export function resolveKeyNowOrLater(
  options: { readonly resolveKey: ResolveKey },
  clientId: string,
): NowOrLater<ResolvedRequestKey> {
  return peeks.get(options.resolveKey)?.(clientId) ?? options.resolveKey(clientId);
}
