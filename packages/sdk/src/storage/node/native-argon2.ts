/// <reference types="node" />
import type * as Argon2Addon from 'argon2';
import {
  useArgon2idEngine,
  wasmArgon2idEngine,
  type Argon2idEngine,
} from '../../derivation/argon2id.js';

// Loading the addon (node-gyp-build's search, then dlopen) costs ~15 ms: a cost paid once, and
// only by a program that derives a key. `null` where it cannot load.
let addon: Promise<typeof Argon2Addon | null> | undefined;

function loadAddon(): Promise<typeof Argon2Addon | null> {
  return (addon ??= import('argon2').then(
    (loaded) => loaded,
    () => null,
  ));
}

function nativeEngine(native: typeof Argon2Addon): Argon2idEngine {
  return async (password, salt, params) => {
    const tag = await native.hash(Buffer.from(password), {
      type: native.argon2id,
      raw: true,
      salt: Buffer.from(salt),
      memoryCost: params.memory,
      timeCost: params.iterations,
      parallelism: params.parallelism,
      hashLength: params.length,
      ...(params.secret === undefined ? {} : { secret: Buffer.from(params.secret) }),
    });
    return new Uint8Array(tag);
  };
}

/**
 * Switches Argon2id to the native reference implementation (the `argon2` addon, an optional
 * dependency that ships prebuilt binaries) when it loads, and reports whether it did. Where it
 * cannot load, the WebAssembly default stays: same results, slower.
 *
 * @example
 * const native = await enableNativeArgon2id(); // true where the addon loaded
 */
export async function enableNativeArgon2id(): Promise<boolean> {
  const native = await loadAddon();
  if (native === null) return false;
  useArgon2idEngine(nativeEngine(native));
  return true;
}

/**
 * Registers an engine that loads the addon on the first derivation and runs there, or on
 * WebAssembly where the addon cannot load. register-native-argon2.ts calls it when the
 * `@datafold/js-sdk/node` entry is imported, so importing the entry costs nothing for programs that
 * never derive a key (a CLI listing keys).
 *
 * @example
 * preferNativeArgon2id();
 */
export function preferNativeArgon2id(): void {
  let resolved: Argon2idEngine | undefined;
  useArgon2idEngine(async (password, salt, params) => {
    if (resolved === undefined) {
      const native = await loadAddon();
      resolved = native === null ? wasmArgon2idEngine : nativeEngine(native);
    }
    return resolved(password, salt, params);
  });
}
