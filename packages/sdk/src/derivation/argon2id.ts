import type * as NobleArgon2 from '@noble/hashes/argon2.js';

import { KeyDerivationError } from '../errors/datafold-error.js';
import { requireBytes, requireInteger, runKdf } from './kdf-arguments.js';
import { loadHashWasm } from './load-hash-wasm.js';

/** Argon2id's parameters (RFC 9106 §3.1) and the output length in bytes. */
export interface Argon2idParams {
  /** Memory size m in KiB; at least 8 × parallelism. */
  memory: number;
  /** Number of passes t. */
  iterations: number;
  /** Degree of parallelism p (lanes). */
  parallelism: number;
  /** Tag length T in bytes, at least 4. */
  length: number;
  /** Optional secret value K (RFC 9106 §3.1), for keyed hashing. */
  secret?: Uint8Array;
  /** Optional associated data X (RFC 9106 §3.1). */
  associatedData?: Uint8Array;
}

/** The largest output Argon2id is asked for here. */
export const ARGON2ID_MAX_LENGTH = 1024;

/**
 * An Argon2id implementation for the common case (no associated data, non-empty password), given
 * already-validated parameters. The default is hash-wasm; Node registers the native reference
 * code (the `argon2` addon) through `@datafold/js-sdk/node`, which is about 1.1x the C CLI where
 * WebAssembly costs 1.6-1.9x (it allocates and clears a fresh memory per call).
 */
export type Argon2idEngine = (
  password: Uint8Array,
  salt: Uint8Array,
  params: {
    memory: number;
    iterations: number;
    parallelism: number;
    length: number;
    secret?: Uint8Array;
  },
) => Promise<Uint8Array>;

// The pure-JS implementation, for the cases hash-wasm refuses, is imported on first use too.
let nobleArgon2: Promise<typeof NobleArgon2> | undefined;

/** The WebAssembly engine (hash-wasm), the default. @internal */
export const wasmArgon2idEngine: Argon2idEngine = async (password, salt, params) =>
  (await loadHashWasm()).argon2id({
    password,
    salt,
    ...(params.secret === undefined ? {} : { secret: params.secret }),
    iterations: params.iterations,
    parallelism: params.parallelism,
    memorySize: params.memory,
    hashLength: params.length,
    outputType: 'binary',
  });

let engine: Argon2idEngine = wasmArgon2idEngine;

/**
 * Replaces the Argon2id implementation used when no associated data is given; `undefined`
 * restores the WebAssembly default. Every engine must give the RFC 9106 results: the vector
 * suites run against each.
 *
 * @example
 * useArgon2idEngine(myNativeArgon2id);
 */
export function useArgon2idEngine(replacement: Argon2idEngine | undefined): void {
  if (replacement !== undefined && typeof replacement !== 'function') {
    throw new KeyDerivationError('INVALID_ARGUMENT', 'the Argon2id engine must be a function');
  }
  engine = replacement ?? wasmArgon2idEngine;
}

/**
 * Argon2id, version 0x13 (RFC 9106). This is the raw primitive: it checks what RFC 9106 §3.1
 * requires (salt ≥ 8 bytes, m ≥ 8p, T ≥ 4) but not the safety floors or ceilings: use
 * `assertKdfParamsSafe('argon2id', ...)` or `deriveKey` for those.
 *
 * hash-wasm computes it (about 1.6× the C reference). hash-wasm takes no associated data, so when
 * `associatedData` is given the pure-JS @noble/hashes implementation runs instead, which is
 * several times slower but takes both X (`personalization`) and K (`key`); RFC 9106 §5.3's
 * vector, which has both, checks that path. An empty password (which hash-wasm refuses) takes it
 * too.
 *
 * @example
 * const key = await argon2id(passphraseBytes, salt, { memory: 65536, iterations: 3, parallelism: 1, length: 32 });
 */
export async function argon2id(
  password: Uint8Array,
  salt: Uint8Array,
  params: Argon2idParams,
): Promise<Uint8Array> {
  const passwordBytes = requireBytes(password, 'password');
  // RFC 9106 §3.1: the salt S is 8 to 2^32 - 1 bytes.
  const saltBytes = requireBytes(salt, 'salt', { minLength: 8 });
  if (typeof params !== 'object' || params === null) {
    throw new KeyDerivationError(
      'INVALID_ARGUMENT',
      'argon2id params must be an object { memory, iterations, parallelism, length }',
    );
  }
  const parallelism = requireInteger(params.parallelism, 'parallelism', 1, 2 ** 24 - 1);
  const memory = requireInteger(params.memory, 'memory', 8 * parallelism, 2 ** 32 - 1);
  const iterations = requireInteger(params.iterations, 'iterations', 1, 2 ** 32 - 1);
  const length = requireInteger(params.length, 'length', 4, ARGON2ID_MAX_LENGTH);
  const secret = params.secret === undefined ? undefined : requireBytes(params.secret, 'secret');
  const associatedData =
    params.associatedData === undefined
      ? undefined
      : requireBytes(params.associatedData, 'associatedData');

  // hash-wasm also refuses an empty password, which RFC 9106 §3.1 allows (P is 0 to 2^32 - 1 bytes).
  if (associatedData !== undefined || passwordBytes.length === 0) {
    return runKdf('argon2id', async () =>
      (await (nobleArgon2 ??= import('@noble/hashes/argon2.js'))).argon2idAsync(
        passwordBytes,
        saltBytes,
        {
          m: memory,
          t: iterations,
          p: parallelism,
          dkLen: length,
          ...(associatedData === undefined ? {} : { personalization: associatedData }),
          ...(secret === undefined ? {} : { key: secret }),
          // noble refuses above its own budget (1 GiB by default); ours is enforced by kdf-bounds.
          maxmem: 2 ** 32 - 1,
        },
      ),
    );
  }
  return runKdf('argon2id', () =>
    engine(passwordBytes, saltBytes, {
      memory,
      iterations,
      parallelism,
      length,
      ...(secret === undefined ? {} : { secret }),
    }),
  );
}
