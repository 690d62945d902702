import type { KeyMetadata } from '@datafold/js-sdk';

import type { OptionSpec } from './command.js';

/** Labels a stored key may carry (unauthenticated, spec/key-file-v1.md §3). */
export const METADATA_OPTIONS: Record<string, OptionSpec> = {
  name: { type: 'string', value: 'NAME', help: 'a name for the key' },
  description: { type: 'string', value: 'TEXT', help: 'a description' },
  tag: { type: 'string', multiple: true, value: 'TAG', help: 'a tag (repeatable)' },
};

/**
 * The metadata of --name, --description and --tag, with `created_by: "datafold_cli"`.
 *
 * @example
 * await storage.storeKeyPair(keyId, pair, passphrase, keyMetadataFrom(options));
 */
export function keyMetadataFrom(
  options: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): KeyMetadata {
  const metadata: KeyMetadata = { created_by: 'datafold_cli', ...extra };
  if (typeof options.name === 'string') metadata.name = options.name;
  if (typeof options.description === 'string') metadata.description = options.description;
  if (Array.isArray(options.tag) && options.tag.length > 0) metadata.tags = options.tag as string[];
  return metadata;
}
