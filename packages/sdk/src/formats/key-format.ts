import { Ed25519KeyError } from '../errors/datafold-error.js';

/** The encodings `formatKey` writes and `parseKey` reads. */
export type KeyFormat = 'hex' | 'base64' | 'uint8array' | 'pem' | 'jwk';

/** Which half of a key pair 32 raw bytes are. */
export type KeyType = 'private' | 'public';

/** Every supported format, in documentation order. */
export const KEY_FORMATS: readonly KeyFormat[] = ['hex', 'base64', 'uint8array', 'pem', 'jwk'];

/**
 * Throws UNSUPPORTED_FORMAT unless `format` is one of KEY_FORMATS.
 *
 * @example
 * assertKeyFormat('pem'); // ok
 */
export function assertKeyFormat(format: unknown): asserts format is KeyFormat {
  if (!KEY_FORMATS.includes(format as KeyFormat)) {
    throw new Ed25519KeyError(
      'UNSUPPORTED_FORMAT',
      `format must be one of ${KEY_FORMATS.join(', ')}${typeof format === 'string' ? `, got "${format}"` : ''}`,
      { argument: 'format' },
    );
  }
}

/**
 * Throws INVALID_ARGUMENT unless `keyType` is absent, 'private' or 'public'.
 *
 * @example
 * assertKeyType(options.keyType);
 */
export function assertKeyType(keyType: unknown): asserts keyType is KeyType | undefined {
  if (keyType !== undefined && keyType !== 'private' && keyType !== 'public') {
    throw new Ed25519KeyError('INVALID_ARGUMENT', 'keyType must be "private" or "public"', {
      argument: 'keyType',
    });
  }
}
