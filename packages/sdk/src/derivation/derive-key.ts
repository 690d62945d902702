import { KeyDerivationError } from '../errors/datafold-error.js';
import { randomBytes } from '../platform/webcrypto.js';
import { argon2id } from './argon2id.js';
import { resolveDerivationContext } from './derivation-contexts.js';
import type { DerivationAlgorithm, DeriveKeyOptions, DerivedKey } from './derived-key.js';
import { HASH_OUTPUT_LENGTHS, describe, normalizeHashName } from './hash-names.js';
import { hkdf } from './hkdf.js';
import { assertKdfParamsSafe } from './kdf-bounds.js';
import { requireBytes, requireInteger, typeName } from './kdf-arguments.js';
import { pbkdf2 } from './pbkdf2.js';
import { scrypt } from './scrypt.js';

/** Defaults when an option is omitted (spec/derivation-v1.md §3). */
export const DERIVE_KEY_DEFAULTS = {
  length: 32,
  saltLength: 32,
  hash: 'SHA-256',
  /** OWASP Password Storage Cheat Sheet (2023) for PBKDF2-HMAC-SHA256. */
  pbkdf2Iterations: 600_000,
  /** OWASP's scrypt recommendation: N = 2^17, r = 8, p = 1 (128 MiB). */
  scrypt: { n: 2 ** 17, r: 8, p: 1 },
  /** RFC 9106 §4's second recommended option (64 MiB, t = 3), with one lane. */
  argon2id: { memory: 65536, iterations: 3, parallelism: 1 },
} as const;

const ALGORITHMS: Readonly<Record<string, DerivationAlgorithm>> = {
  hkdf: 'HKDF',
  pbkdf2: 'PBKDF2',
  scrypt: 'scrypt',
  argon2id: 'argon2id',
};

// Which options each algorithm takes; any other known option is a mistake worth reporting.
const APPLIES: Readonly<Record<DerivationAlgorithm, readonly string[]>> = {
  HKDF: ['info', 'hash'],
  PBKDF2: ['iterations', 'hash'],
  scrypt: ['n', 'r', 'p'],
  argon2id: ['memory', 'iterations', 'parallelism'],
};
const ALGORITHM_OPTIONS = ['info', 'hash', 'iterations', 'memory', 'parallelism', 'n', 'r', 'p'];

/** NIST SP 800-132 §5.1: a password-KDF salt of at least 128 bits. */
const MIN_PASSWORD_SALT_LENGTH = 16;
/** HKDF is for keys, not passwords (RFC 5869 §4): 128 bits of input at least. */
const MIN_HKDF_KEY_LENGTH = 16;
const MIN_LENGTH = 16;
const MAX_LENGTH = 1024;

/**
 * Derives a key from `masterKey` and returns it with every parameter needed to derive it again.
 * HKDF expands key material (a 32-byte private key, say); PBKDF2, scrypt and argon2id stretch
 * passwords, which may be given as a string (UTF-8, not normalized). Parameters below the safety
 * floors are refused with KDF_PARAMS_UNSAFE, unknown algorithms or hashes with
 * UNSUPPORTED_ALGORITHM, wrong types or lengths with INVALID_ARGUMENT.
 *
 * @example
 * const { key, salt } = await deriveKey(keyPair.privateKey, { algorithm: 'HKDF', info: 'DATA_ENCRYPTION' });
 * const again = await deriveKey(keyPair.privateKey, { algorithm: 'HKDF', info: 'DATA_ENCRYPTION', salt });
 */
export async function deriveKey(
  masterKey: Uint8Array | string,
  options: DeriveKeyOptions,
): Promise<DerivedKey> {
  if (typeof options !== 'object' || options === null) {
    throw new KeyDerivationError(
      'INVALID_ARGUMENT',
      `options must be an object with an algorithm (got ${typeName(options)})`,
    );
  }
  const requested = typeof options.algorithm === 'string' ? options.algorithm.toLowerCase() : '';
  const algorithm = Object.hasOwn(ALGORITHMS, requested) ? ALGORITHMS[requested] : undefined;
  if (algorithm === undefined) {
    throw new KeyDerivationError(
      'UNSUPPORTED_ALGORITHM',
      `algorithm must be one of HKDF, PBKDF2, scrypt, argon2id (got ${describe(options.algorithm)})`,
      { parameter: 'algorithm' },
    );
  }
  for (const name of ALGORITHM_OPTIONS) {
    const value = (options as unknown as Record<string, unknown>)[name];
    if (value !== undefined && !APPLIES[algorithm].includes(name)) {
      throw new KeyDerivationError(
        'INVALID_ARGUMENT',
        `option ${name} does not apply to ${algorithm}; it takes ${APPLIES[algorithm].join(', ')}, salt and length`,
        { parameter: name },
      );
    }
  }
  const length = requireInteger(
    options.length ?? DERIVE_KEY_DEFAULTS.length,
    'length',
    MIN_LENGTH,
    MAX_LENGTH,
  );
  const isHkdf = algorithm === 'HKDF';
  const master = requireBytes(masterKey, 'masterKey', {
    allowString: !isHkdf,
    minLength: isHkdf ? MIN_HKDF_KEY_LENGTH : 1,
  });
  const salt =
    options.salt === undefined
      ? randomBytes(DERIVE_KEY_DEFAULTS.saltLength)
      : new Uint8Array(requireBytes(options.salt, 'salt'));
  if (!isHkdf && salt.length < MIN_PASSWORD_SALT_LENGTH) {
    throw new KeyDerivationError(
      'KDF_PARAMS_UNSAFE',
      `${algorithm} salt must be at least ${MIN_PASSWORD_SALT_LENGTH} bytes (NIST SP 800-132 §5.1); got ${salt.length}`,
      { kdf: algorithm, parameter: 'salt', bound: 'minimum', limit: MIN_PASSWORD_SALT_LENGTH },
    );
  }

  switch (algorithm) {
    case 'HKDF': {
      const hash = normalizeHashName(options.hash ?? DERIVE_KEY_DEFAULTS.hash);
      requireInteger(length, 'length', MIN_LENGTH, 255 * HASH_OUTPUT_LENGTHS[hash]);
      const resolved = resolveDerivationContext(options.info ?? new Uint8Array(0));
      const key = await hkdf(hash, master, salt, resolved.info, length);
      return { key, algorithm, salt, length, hash, ...resolved };
    }
    case 'PBKDF2': {
      const params = assertKdfParamsSafe(
        'pbkdf2',
        {
          iterations: options.iterations ?? DERIVE_KEY_DEFAULTS.pbkdf2Iterations,
          hash: options.hash ?? DERIVE_KEY_DEFAULTS.hash,
          length,
        },
        'create',
      );
      const key = await pbkdf2(master, salt, params.iterations, length, params.hash);
      return { key, algorithm, salt, length, ...params };
    }
    case 'scrypt': {
      const d = DERIVE_KEY_DEFAULTS.scrypt;
      const params = assertKdfParamsSafe(
        'scrypt',
        { n: options.n ?? d.n, r: options.r ?? d.r, p: options.p ?? d.p },
        'create',
      );
      const key = await scrypt(master, salt, { ...params, length });
      return { key, algorithm, salt, length, ...params };
    }
    case 'argon2id': {
      const d = DERIVE_KEY_DEFAULTS.argon2id;
      const params = assertKdfParamsSafe(
        'argon2id',
        {
          memory: options.memory ?? d.memory,
          iterations: options.iterations ?? d.iterations,
          parallelism: options.parallelism ?? d.parallelism,
        },
        'create',
      );
      const key = await argon2id(master, salt, { ...params, length });
      return { key, algorithm, salt, length, ...params };
    }
  }
}
