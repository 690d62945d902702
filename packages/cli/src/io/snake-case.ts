/** `registeredAt` → `registered_at`, as a type: upper-case letters become `_` and lower case. */
export type SnakeCase<S extends string> = S extends `${infer C}${infer Rest}`
  ? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${SnakeCase<Rest>}`
  : S;

/** An object with its member names in snake_case. */
export type SnakeCased<T> = { [K in keyof T as K extends string ? SnakeCase<K> : K]: T[K] };

/**
 * An SDK result (camelCase) with snake_case member names, the way --json output names them like
 * the wire and the configuration do (spec/cli-exit-codes.md §2). Commands keep the SDK's typed
 * result and call this only where they print it; the members keep their order.
 *
 * @example
 * ctx.out.result({ server: api.url, ...snakeCase(status) }, `Client "${status.clientId}" ...`);
 * snakeCase({ clientId: 'a', lastUsed: null }); // { client_id: 'a', last_used: null }
 */
export function snakeCase<T extends object>(value: T): SnakeCased<T> {
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]),
  ) as SnakeCased<T>;
}
