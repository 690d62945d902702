import { KeyDerivationError } from '../errors/datafold-error.js';
import { randomBytes } from '../platform/webcrypto.js';
import { deriveKey } from './derive-key.js';
import type { DeriveKeyOptions, DerivedKey } from './derived-key.js';
import { typeName } from './kdf-arguments.js';

/** Options shared by every key `deriveMultipleKeys` derives: HKDF's, without `info`. */
export type DeriveMultipleKeysOptions = Omit<DeriveKeyOptions, 'algorithm' | 'info'> & {
  algorithm?: 'HKDF';
};

/**
 * Derives one HKDF key per context from one master key, keyed by the context as given. The keys
 * share one salt (random 32 bytes unless given) and differ by `info`, which is what HKDF's info
 * is for (RFC 5869 §3.2): knowing one derived key tells nothing about another.
 *
 * @example
 * const keys = await deriveMultipleKeys(master, ['DATA_ENCRYPTION', 'SIGNING']);
 * keys.SIGNING.key; // 32 bytes, info 'datafold_signing_v1'
 */
export async function deriveMultipleKeys(
  masterKey: Uint8Array,
  contexts: readonly string[],
  options: DeriveMultipleKeysOptions = {},
): Promise<Record<string, DerivedKey>> {
  // Kept as typed before Array.isArray narrows `contexts` to any[].
  const names: readonly string[] = contexts;
  if (!Array.isArray(contexts) || names.length === 0) {
    throw new KeyDerivationError(
      'INVALID_ARGUMENT',
      `contexts must be a non-empty array of context names or strings (got ${typeName(contexts)})`,
      { parameter: 'contexts' },
    );
  }
  const seen = new Set<string>();
  for (const context of names as readonly unknown[]) {
    if (typeof context !== 'string' || context.length === 0) {
      throw new KeyDerivationError(
        'INVALID_ARGUMENT',
        `each context must be a non-empty string (got ${typeName(context)})`,
        { parameter: 'contexts' },
      );
    }
    if (seen.has(context)) {
      throw new KeyDerivationError('INVALID_ARGUMENT', `context ${context} is listed twice`, {
        parameter: 'contexts',
      });
    }
    seen.add(context);
  }
  if (typeof options !== 'object' || options === null) {
    throw new KeyDerivationError(
      'INVALID_ARGUMENT',
      `options must be an object (got ${typeName(options)})`,
    );
  }
  if (options.algorithm !== undefined && String(options.algorithm).toUpperCase() !== 'HKDF') {
    throw new KeyDerivationError(
      'INVALID_ARGUMENT',
      'deriveMultipleKeys derives by context, which only HKDF takes: use deriveKey for password KDFs',
      { parameter: 'algorithm' },
    );
  }
  const salt = options.salt ?? randomBytes(32);
  const result: Record<string, DerivedKey> = {};
  for (const context of names) {
    result[context] = await deriveKey(masterKey, {
      ...options,
      algorithm: 'HKDF',
      salt,
      info: context,
    });
  }
  return result;
}
