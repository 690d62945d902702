/**
 * Whether a backend answered with a promise rather than a value. Backends that compute on the
 * calling thread (the 'node' backend once its library is loaded) answer values, so the public
 * functions await only when there is something to wait for: each await costs a microtask, a
 * visible share of a 20 µs signature. Not `instanceof Promise`: any thenable counts.
 *
 * @example
 * const backend = currentBackend();
 * const resolved = isPending(backend) ? await backend : backend;
 */
export function isPending<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
