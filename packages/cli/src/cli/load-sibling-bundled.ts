/// <reference types="node" />
import { fileURLToPath } from 'node:url';

/**
 * load-sibling.ts as the CommonJS bundle has it (scripts/bundle.mjs swaps it in): the relative
 * path resolves beside the bundled file that calls it, and the file is required through the
 * per-user V8 code cache rather than imported, which would start the ES module loader.
 *
 * @example
 * const mod = await loadSibling<CommandModule>('./commands/sign.js', import.meta.url);
 */
export async function loadSibling<T>(specifier: string, base: string): Promise<T> {
  // Imported here, not above: the bundle then initialises it (and node:vm, node:os) only when a
  // command is loaded, so --version and --help do not pay for it.
  const { requireWithCodeCache } = await import('./require-with-code-cache.js');
  return requireWithCodeCache(fileURLToPath(new URL(specifier, base))) as T;
}
