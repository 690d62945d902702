/// <reference types="node" />
import type * as Argon2Addon from 'argon2';
import { useArgon2idEngine, type Argon2idEngine } from '../../derivation/argon2id.js';

/**
 * Switches Argon2id to the native reference implementation (the `argon2` addon, an optional
 * dependency that ships prebuilt binaries) when it loads, and reports whether it did. Where it
 * cannot load, the WebAssembly default stays: same results, slower. Called once by the
 * `@datafold/js-sdk/node` entry.
 *
 * @example
 * const native = await enableNativeArgon2id(); // true where the addon loaded
 */
export async function enableNativeArgon2id(): Promise<boolean> {
  let addon: typeof Argon2Addon;
  try {
    addon = await import('argon2');
  } catch {
    return false;
  }
  const engine: Argon2idEngine = async (password, salt, params) => {
    const tag = await addon.hash(Buffer.from(password), {
      type: addon.argon2id,
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
  useArgon2idEngine(engine);
  return true;
}
