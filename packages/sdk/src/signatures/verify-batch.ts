import { ValidationError } from '../errors/datafold-error.js';
import { assertPublicKeyShape, assertSignatureShape, messageBytes } from './arguments.js';
import type { Ed25519Backend } from './backend-types.js';
import { currentBackend } from './backend-selection.js';
import { signaturePassesPrechecks } from './strict-checks.js';

/** One signature to check in `verifyBatch`. */
export interface VerifyBatchItem {
  signature: Uint8Array;
  message: string | Uint8Array;
  publicKey: Uint8Array;
}

/** Options of `verifyBatch`. */
export interface VerifyBatchOptions {
  /** Verifications in flight at once, 1-1024 (default 32). */
  concurrency?: number;
}

const DEFAULT_CONCURRENCY = 32;

/**
 * Verifies many signatures, answering one boolean per item in order, each exactly as `verify`
 * would. WebCrypto runs verifications off the main thread (Node's thread pool, the browser's
 * crypto worker), so keeping several in flight uses every core: this is the fast path for
 * servers. Every item is checked for types and lengths before any verification starts; a bad one
 * throws the same coded error `verify` would, with its index in the message.
 *
 * @example
 * const results = await verifyBatch(requests.map((r) => ({ signature: r.sig, message: r.body, publicKey: r.key })));
 */
export async function verifyBatch(
  items: readonly VerifyBatchItem[],
  options: VerifyBatchOptions = {},
): Promise<boolean[]> {
  if (!Array.isArray(items)) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      'items must be an array of { signature, message, publicKey }',
      {
        argument: 'items',
      },
    );
  }
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1024) {
    throw new ValidationError('INVALID_ARGUMENT', 'concurrency must be an integer from 1 to 1024', {
      argument: 'concurrency',
    });
  }
  const messages = items.map((candidate, i) => {
    const item = candidate as unknown as Partial<VerifyBatchItem> | null;
    if (typeof item !== 'object' || item === null) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `items[${i}] must be { signature, message, publicKey }`,
        {
          argument: 'items',
          index: i,
        },
      );
    }
    assertSignatureShape(item.signature, `items[${i}].signature`);
    assertPublicKeyShape(item.publicKey, `items[${i}].publicKey`);
    return messageBytes(item.message);
  });
  const results = new Array<boolean>(items.length).fill(false);
  if (items.length === 0) return results;
  const backend: Ed25519Backend = await currentBackend();
  let next = 0;
  async function lane(): Promise<void> {
    while (next < items.length) {
      const i = next++;
      const item = items[i]!;
      if (signaturePassesPrechecks(item.signature)) {
        results[i] = await backend.verify(item.signature, messages[i]!, item.publicKey);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}
