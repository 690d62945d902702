/**
 * Imports another module of this package by a path relative to the caller's `import.meta.url`:
 * how main.ts loads the one command a run needs.
 * The CommonJS bundle (scripts/bundle.mjs) swaps this file for one that calls `require`, which
 * resolves the same relative path beside the bundled file and skips the ES module loader.
 *
 * @example
 * const mod = await loadSibling<CommandModule>('./commands/sign.js', import.meta.url);
 */
export function loadSibling<T>(specifier: string, base: string): Promise<T> {
  return import(new URL(specifier, base).href) as Promise<T>;
}
