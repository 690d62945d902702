// hash-wasm (scrypt, and Argon2id where no native engine is registered) is imported on first
// use, not with the modules that call it: a program that derives no key, or derives it natively,
// neither loads nor compiles its 50 kB of WebAssembly wrappers. One promise, shared.
import type * as HashWasm from 'hash-wasm';

import { PlatformError } from '../errors/datafold-error.js';

let hashWasm: Promise<typeof HashWasm> | undefined;

/**
 * hash-wasm's exports, imported once.
 *
 * @example
 * const { scrypt } = await loadHashWasm();
 */
export function loadHashWasm(): Promise<typeof HashWasm> {
  return (hashWasm ??= import('hash-wasm').catch((error: unknown) => {
    hashWasm = undefined; // a later call may find it (after a reinstall)
    throw new PlatformError(
      'UNSUPPORTED_PLATFORM',
      'the WebAssembly KDFs (the hash-wasm package) could not be loaded: reinstall the dependencies of @datafold/js-sdk',
      { feature: 'hash-wasm' },
      { cause: error },
    );
  }));
}
