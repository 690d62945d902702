import { ValidationError } from '../errors/datafold-error.js';
import { parseKeyFile } from './parse-key-file.js';
import type { KeyFileMetadata } from './types.js';

/**
 * The key file text with its `metadata` replaced and every other member kept as it was. Metadata
 * is not bound to the ciphertext (spec/key-file-v1.md §5), so relabelling needs no passphrase and
 * leaves the key, its version and its `created` time untouched; an empty object removes the
 * member. The input is checked first (STORAGE_CORRUPTED for anything that is not a key file).
 *
 * @example
 * const text = relabelKeyFile(oldText, { name: 'App key', tags: ['prod'] });
 */
export function relabelKeyFile(text: string, metadata: KeyFileMetadata): string {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new ValidationError('INVALID_ARGUMENT', 'metadata must be a plain object');
  }
  parseKeyFile(text);
  const doc = JSON.parse(text) as Record<string, unknown>;
  delete doc.metadata;
  if (Object.keys(metadata).length > 0) doc.metadata = metadata;
  return `${JSON.stringify(doc, null, 2)}\n`;
}
