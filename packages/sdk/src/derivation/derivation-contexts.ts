import { isBytes } from '../encoding/bytes.js';
import { utf8ToBytes } from '../encoding/utf8.js';
import { KeyDerivationError } from '../errors/datafold-error.js';
import { typeName } from './kdf-arguments.js';

/**
 * The HKDF `info` strings of DataFold's standard derived keys (spec/derivation-v1.md §2). The `_v1`
 * suffix is part of the string: a future construction gets a new string, never a new meaning for
 * an old one.
 *
 * @example
 * await deriveKey(master, { algorithm: 'HKDF', info: 'DATA_ENCRYPTION' }); // info = datafold_data_encryption_v1
 */
export const DERIVATION_CONTEXTS = {
  DATA_ENCRYPTION: 'datafold_data_encryption_v1',
  SIGNING: 'datafold_signing_v1',
  AUTHENTICATION: 'datafold_auth_v1',
} as const;

/** The name of a standard context: DATA_ENCRYPTION, SIGNING or AUTHENTICATION. */
export type DerivationContextName = keyof typeof DERIVATION_CONTEXTS;

/** What a context argument resolved to: the bytes HKDF uses and, for text, the text. */
export interface ResolvedContext {
  info: Uint8Array;
  /** The info string (after mapping a context name); absent when info was given as bytes. */
  context?: string;
}

/**
 * Maps a context argument to HKDF info bytes: a context name (exactly `DATA_ENCRYPTION`,
 * `SIGNING` or `AUTHENTICATION`) becomes its `datafold_..._v1` string, any other string is used as
 * is, and both are UTF-8 encoded; bytes are used unchanged. Names are matched exactly so that no
 * two spellings lead to one key.
 *
 * @example
 * resolveDerivationContext('SIGNING').context; // 'datafold_signing_v1'
 */
export function resolveDerivationContext(value: unknown, what = 'info'): ResolvedContext {
  if (typeof value === 'string') {
    const context = Object.hasOwn(DERIVATION_CONTEXTS, value)
      ? DERIVATION_CONTEXTS[value as DerivationContextName]
      : value;
    return { info: utf8ToBytes(context), context };
  }
  if (isBytes(value)) return { info: new Uint8Array(value) };
  throw new KeyDerivationError(
    'INVALID_ARGUMENT',
    `${what} must be a context name (${Object.keys(DERIVATION_CONTEXTS).join(', ')}), a string or a Uint8Array (got ${typeName(value)})`,
    { parameter: what },
  );
}
