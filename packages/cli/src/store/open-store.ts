// The key-file-v1 store (spec/key-file-v1.md §7-§9), in a module of its own: the bundle builds
// it into a separate file, so commands that never open the store (verify-local with
// --public-key, config, help) do not load it, and those that do share one copy.
/**
 * Re-exported from the SDK's Node entry.
 *
 * @example
 * const { createFileKeyStorage } = await import('./open-store.js');
 */
export { createFileKeyStorage } from '@datafold/js-sdk/node';
