import { wipe } from '../encoding/bytes.js';
import type { Ed25519KeyPair } from '../keys/types.js';

/**
 * Overwrites a key pair's bytes with zeros once it is no longer needed. JavaScript cannot promise
 * that no other copy exists (the engine may have moved or copied buffers); this removes ours.
 *
 * @example
 * const keyPair = await generateKeyPair();
 * try { await sign(message, keyPair.privateKey); } finally { clearKeyMaterial(keyPair); }
 */
export function clearKeyMaterial(keyPair: Ed25519KeyPair | Uint8Array): void {
  if (keyPair instanceof Uint8Array) {
    wipe(keyPair);
    return;
  }
  wipe(keyPair.privateKey);
  wipe(keyPair.publicKey);
}
