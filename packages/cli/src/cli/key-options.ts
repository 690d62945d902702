import { assertValidKeyId } from '@datafold/js-sdk';

import { KEY_OUTPUT_FORMATS, type KeyOutputFormat } from '../io/key-output.js';
import type { OptionSpec } from './command.js';
import { choiceOption, integerOption, requireString } from './option-readers.js';

/** `--key-id`, checked like every store checks it (spec/key-file-v1.md §2), before any work. */
export function keyIdOption(options: Record<string, unknown>, name = 'key-id'): string {
  const keyId = requireString(options, name, `--${name} my-app-key`);
  assertValidKeyId(keyId);
  return keyId;
}

/** `--format` for keys: hex, base64, pem, raw or jwk. */
export function keyFormatOption(
  options: Record<string, unknown>,
  fallback: KeyOutputFormat = 'hex',
): KeyOutputFormat {
  return choiceOption(options, 'format', KEY_OUTPUT_FORMATS, fallback);
}

/**
 * `--version N`, a stored version other than the current one; undefined when not given.
 *
 * @example
 * const { keyPair, version } = await unlockKey(ctx, keyId, versionOption(options));
 */
export function versionOption(options: Record<string, unknown>): number | undefined {
  return options.version === undefined ? undefined : integerOption(options, 'version', undefined);
}

export const KEY_ID: Record<string, OptionSpec> = {
  'key-id': { type: 'string', value: 'ID', help: 'key identifier (A-Z a-z 0-9 . _ -, up to 100)' },
};
export const KEY_FORMAT: Record<string, OptionSpec> = {
  format: {
    type: 'string',
    value: 'FORMAT',
    help: 'hex (default), base64, pem, raw or jwk',
    choices: KEY_OUTPUT_FORMATS,
  },
};
export const OUTPUT: Record<string, OptionSpec> = {
  output: {
    type: 'string',
    short: 'o',
    value: 'FILE',
    help: 'write to FILE (mode 0600) instead of stdout',
  },
  force: { type: 'boolean', help: 'replace an existing file or key' },
};
export const VERSION: Record<string, OptionSpec> = {
  version: { type: 'string', value: 'N', help: 'a version other than the current one' },
};
