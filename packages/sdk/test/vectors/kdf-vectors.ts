// The KDF vector suite, runnable in Node and inside a browser page: it imports nothing from Node,
// takes the SDK functions and the parsed vector files as arguments, and reports every case as a
// VectorResult instead of throwing, so the caller (vitest, or a page) decides how to assert.
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js';
import type { Argon2idParams } from '../../src/derivation/argon2id.js';
import type { DeriveKeyOptions, DerivedKey } from '../../src/derivation/derived-key.js';
import type { HashName } from '../../src/derivation/hash-names.js';
import type { ScryptParams } from '../../src/derivation/scrypt.js';
import type { Ed25519KeyPair } from '../../src/keys/types.js';
import type { VectorResult } from './vector-result.js';

/** The functions the suite needs: the raw primitives and the public derivation API. */
export interface KdfVectorSdk {
  hkdf(
    hash: HashName,
    ikm: Uint8Array,
    salt: Uint8Array,
    info: Uint8Array,
    length: number,
  ): Promise<Uint8Array>;
  pbkdf2(
    password: Uint8Array,
    salt: Uint8Array,
    iterations: number,
    length: number,
    hash: HashName,
  ): Promise<Uint8Array>;
  scrypt(password: Uint8Array, salt: Uint8Array, params: ScryptParams): Promise<Uint8Array>;
  argon2id(password: Uint8Array, salt: Uint8Array, params: Argon2idParams): Promise<Uint8Array>;
  deriveKey(masterKey: Uint8Array, options: DeriveKeyOptions): Promise<DerivedKey>;
  deriveEd25519KeyPair(masterKey: Uint8Array, context: string): Promise<Ed25519KeyPair>;
}

/** The parsed JSON of each file in vectors/kdf/; a file left out is not run. */
export interface KdfVectorFiles {
  hkdfSha256?: unknown;
  pbkdf2Sha256?: unknown;
  scrypt?: unknown;
  argon2id?: unknown;
  derivationContexts?: unknown;
}

type Case = Record<string, unknown>;

/**
 * Argon2id cases cheap enough to run a second time through the pure-JS engine (the one used when
 * associated data is given), so both engines are held to the same published values.
 */
const SECOND_ENGINE_MAX_MEMORY_KIB = 1024;

/**
 * Runs every case of every KDF vector file against `sdk` and returns one result per check.
 *
 * @example
 * const results = await runKdfVectors(sdk, { hkdfSha256, pbkdf2Sha256, scrypt, argon2id, derivationContexts });
 * results.filter((r) => !r.ok); // []
 */
export async function runKdfVectors(
  sdk: KdfVectorSdk,
  vectors: KdfVectorFiles,
): Promise<VectorResult[]> {
  const results: VectorResult[] = [];
  const check = async (
    suite: string,
    name: string,
    expectedHex: unknown,
    compute: () => Promise<Uint8Array>,
  ): Promise<void> => {
    try {
      const actual = bytesToHex(await compute());
      results.push(
        actual === expectedHex
          ? { suite, name, ok: true }
          : { suite, name, ok: false, detail: `expected ${String(expectedHex)}, got ${actual}` },
      );
    } catch (error) {
      results.push({ suite, name, ok: false, detail: `threw ${describeError(error)}` });
    }
  };

  for (const c of casesOf(vectors.hkdfSha256)) {
    await check('hkdf-sha256', str(c.name), c.okm, () =>
      sdk.hkdf('SHA-256', hex(c.ikm), hex(c.salt), hex(c.info), num(c.length)),
    );
  }
  for (const c of casesOf(vectors.pbkdf2Sha256)) {
    await check('pbkdf2-sha256', str(c.name), c.expected, () =>
      sdk.pbkdf2(hex(c.password), hex(c.salt), num(c.iterations), num(c.length), 'SHA-256'),
    );
  }
  for (const c of casesOf(vectors.scrypt)) {
    await check('scrypt', str(c.name), c.expected, () =>
      sdk.scrypt(hex(c.password), hex(c.salt), {
        n: num(c.n),
        r: num(c.r),
        p: num(c.p),
        length: num(c.length),
      }),
    );
  }
  for (const c of casesOf(vectors.argon2id)) {
    const params: Argon2idParams = {
      memory: num(c.memory),
      iterations: num(c.iterations),
      parallelism: num(c.parallelism),
      length: num(c.length),
      ...(c.secret === undefined ? {} : { secret: hex(c.secret) }),
      ...(c.associated_data === undefined ? {} : { associatedData: hex(c.associated_data) }),
    };
    await check('argon2id', str(c.name), c.expected, () =>
      sdk.argon2id(hex(c.password), hex(c.salt), params),
    );
    // Empty associated data is the same function (RFC 9106 §3.2: X may be empty) computed by the
    // other engine.
    if (c.associated_data === undefined && params.memory <= SECOND_ENGINE_MAX_MEMORY_KIB) {
      await check('argon2id', `${str(c.name)} (pure-JS engine)`, c.expected, () =>
        sdk.argon2id(hex(c.password), hex(c.salt), {
          ...params,
          associatedData: new Uint8Array(0),
        }),
      );
    }
  }
  for (const c of casesOf(vectors.derivationContexts)) {
    const master = hex(c.master_key);
    const derive = (c.derive_key ?? {}) as Case;
    const ed = (c.ed25519 ?? {}) as Case;
    const options = (length: number): DeriveKeyOptions => ({
      algorithm: 'HKDF',
      hash: 'SHA-256',
      salt: hex(derive.salt),
      info: str(c.context),
      length,
    });
    await check('derivation-contexts', `${str(c.name)} deriveKey`, derive.key, async () => {
      return (await sdk.deriveKey(master, options(32))).key;
    });
    await check('derivation-contexts', `${str(c.name)} deriveKey 64`, derive.key_64, async () => {
      return (await sdk.deriveKey(master, options(64))).key;
    });
    await check('derivation-contexts', `${str(c.name)} info bytes`, derive.key, async () => {
      return (await sdk.deriveKey(master, { ...options(32), info: hex(c.info) })).key;
    });
    await check('derivation-contexts', `${str(c.name)} ed25519 seed`, ed.seed, async () => {
      return (await sdk.deriveEd25519KeyPair(master, str(c.context))).privateKey;
    });
    await check('derivation-contexts', `${str(c.name)} ed25519 public key`, ed.public_key, async () => {
      return (await sdk.deriveEd25519KeyPair(master, str(c.context))).publicKey;
    });
  }
  return results;
}

function casesOf(file: unknown): Case[] {
  if (file === undefined) return [];
  const cases: unknown = typeof file === 'object' && file !== null && 'cases' in file ? file.cases : undefined;
  if (!Array.isArray(cases) || cases.length === 0) {
    throw new TypeError('a KDF vector file has no cases: pass the parsed JSON of vectors/kdf/*.json');
  }
  return (cases as unknown[]).map((c) => c as Case);
}

function hex(value: unknown): Uint8Array {
  return hexToBytes(str(value));
}

function str(value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`vector field is not a string: ${typeof value}`);
  return value;
}

function num(value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`vector field is not a number: ${typeof value}`);
  return value;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`;
  }
  return String(error);
}
