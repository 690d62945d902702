import { Ed25519KeyError } from '../errors/datafold-error.js';
import {
  checkKeyGenerationOptions,
  generateKeyPair,
  type KeyGenerationOptions,
} from './generate-key-pair.js';
import type { Ed25519KeyPair } from './types.js';

/** The most pairs one call makes; more is almost always a bug (a loop passing its index). */
export const MAX_KEY_PAIRS_PER_CALL = 1000;

/**
 * Generates `count` independent key pairs (1 to 1000), each as `generateKeyPair` would.
 * `entropy` is refused here (INVALID_ARGUMENT): one seed would make `count` identical pairs.
 * A bad count is INVALID_ARGUMENT with the allowed range.
 *
 * @example
 * const [signing, backup] = await generateMultipleKeyPairs(2);
 */
export async function generateMultipleKeyPairs(
  count: number,
  options: Omit<KeyGenerationOptions, 'entropy'> = {},
): Promise<Ed25519KeyPair[]> {
  if (
    typeof count !== 'number' ||
    !Number.isInteger(count) ||
    count < 1 ||
    count > MAX_KEY_PAIRS_PER_CALL
  ) {
    throw new Ed25519KeyError(
      'INVALID_ARGUMENT',
      `count must be an integer from 1 to ${MAX_KEY_PAIRS_PER_CALL}`,
      { argument: 'count' },
    );
  }
  checkKeyGenerationOptions(options);
  if (options.entropy !== undefined) {
    throw new Ed25519KeyError(
      'INVALID_ARGUMENT',
      'entropy cannot be used with generateMultipleKeyPairs: one seed would give identical pairs; call generateKeyPair per seed',
      { argument: 'entropy' },
    );
  }
  const pairs: Ed25519KeyPair[] = [];
  for (let i = 0; i < count; i++) pairs.push(await generateKeyPair(options));
  return pairs;
}
