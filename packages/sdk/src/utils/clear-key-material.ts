import { wipe } from '../encoding/bytes.js';
import type { Ed25519KeyPair } from '../keys/types.js';
import { forgetEd25519Key } from '../signatures/backend-selection.js';

/**
 * Overwrites a key pair's bytes with zeros once it is no longer needed. JavaScript cannot promise
 * that no other copy exists (the engine may have moved or copied buffers); this removes ours,
 * including the imported keys the signature backends cached for these arrays.
 *
 * @example
 * const keyPair = await generateKeyPair();
 * try { await sign(message, keyPair.privateKey); } finally { clearKeyMaterial(keyPair); }
 */
export function clearKeyMaterial(keyPair: Ed25519KeyPair | Uint8Array): void {
  const arrays =
    keyPair instanceof Uint8Array ? [keyPair] : [keyPair.privateKey, keyPair.publicKey];
  for (const bytes of arrays) {
    // The signature backends cache imported keys (and a copy for comparison): drop those too.
    forgetEd25519Key(bytes);
    wipe(bytes);
  }
}
