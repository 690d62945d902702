import { DataFoldError, Ed25519KeyError } from '../errors/datafold-error.js';
import { assertPrivateKey } from '../keys/assert-key-bytes.js';
import { messageBytes } from './arguments.js';
import { currentBackend } from './backend-selection.js';
import { isPending } from './pending.js';

/**
 * Signs `message` with a 32-byte Ed25519 seed (RFC 8032 §5.1.6). Strings are signed as their
 * UTF-8 bytes. Ed25519 is deterministic: the same seed and message always give the same 64 bytes,
 * on every backend and face.
 *
 * Throws INVALID_PRIVATE_KEY or INVALID_MESSAGE for wrong arguments, SIGNING_FAILED if the platform
 * fails. The imported key is cached per array (see forgetEd25519Key).
 *
 * @example
 * const signature = await sign('hello', keyPair.privateKey);
 */
export async function sign(
  message: string | Uint8Array,
  privateKey: Uint8Array,
): Promise<Uint8Array> {
  assertPrivateKey(privateKey);
  const bytes = messageBytes(message);
  try {
    // No await unless something is pending: a backend that signs on this thread (Node) answers a
    // value, and this function's promise is then the only one made per call.
    const current = currentBackend();
    const backend = isPending(current) ? await current : current;
    const signature = backend.sign(privateKey, bytes);
    return isPending(signature) ? await signature : signature;
  } catch (error) {
    if (error instanceof DataFoldError) throw error;
    // The platform's message is kept as the cause for debugging; it never holds key bytes.
    throw new Ed25519KeyError(
      'SIGNING_FAILED',
      'the platform failed to produce an Ed25519 signature',
      {},
      { cause: error },
    );
  }
}
