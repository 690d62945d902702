/**
 * A value that is either here now or promised. The verify path of the middleware runs every step
 * synchronously when it can (key answer cached, nonce recorded in memory, signature checked on the
 * calling thread); each `await` it avoids saves a microtask and a promise per request.
 */
export type NowOrLater<T> = T | Promise<T>;

/**
 * `next(value)` at once when `value` is here, else when it arrives. A throw in `next` propagates
 * as it would: synchronously for a present value, as a rejection for a promised one.
 *
 * @example
 * andThen(resolveKey(id), (key) => check(key));
 */
export function andThen<T, U>(
  value: NowOrLater<T>,
  next: (value: T) => NowOrLater<U>,
): NowOrLater<U> {
  return isPromised(value) ? value.then(next) : next(value);
}

/** True for a promise (or any thenable) rather than a present value. */
export function isPromised<T>(value: NowOrLater<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
