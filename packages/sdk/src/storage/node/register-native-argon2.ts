/**
 * The one side effect of `@datafold/js-sdk/node`, kept in a module of its own so that it is seen:
 * importing the entry registers, through preferNativeArgon2id, an Argon2id engine that loads the
 * native `argon2` addon on the first derivation and runs there, or on the WebAssembly default
 * where the addon cannot load. Key files are Argon2id-bound (spec/key-file-v1.md §4), and the
 * native engine runs at about 1.1x the C reference where WebAssembly takes 1.6-1.9x; the results
 * are the same bytes either way (RFC 9106).
 *
 * Nothing is loaded by the import itself, and there is no top-level await, so the entry still
 * bundles as CommonJS (as the CLI does) and a program that never derives a key never loads the
 * addon. package.json lists this file under `sideEffects`, so bundlers keep it.
 *
 * To choose otherwise: `useArgon2idEngine(undefined)` from `@datafold/js-sdk/hazmat` restores
 * WebAssembly, `useArgon2idEngine(engine)` installs another engine, and `enableNativeArgon2id()`
 * loads the addon now and reports whether it did. Whichever call runs last wins; this one runs
 * when the entry is first imported.
 *
 * @example
 * import '@datafold/js-sdk/node'; // Argon2id now prefers the native addon
 */
import { preferNativeArgon2id } from './native-argon2.js';

preferNativeArgon2id();
