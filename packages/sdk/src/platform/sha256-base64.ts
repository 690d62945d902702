import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToBase64 } from '../encoding/base64.js';

/** SHA-256 of some bytes as standard padded base64 (RFC 4648 §4), synchronously. */
export type Sha256Base64 = (data: Uint8Array) => string;

// Pure JavaScript by default, so every runtime (and every browser origin, WebCrypto or not)
// computes it; the Node entries swap in node:crypto (http-signatures/node/register-node-digests.ts).
// Base64 rather than bytes because that is what node:crypto makes cheaply: its one-shot hash
// answers base64 in a third of the time it takes to hand back a Buffer, which costs as much as
// hashing 51 bytes in JavaScript.
let implementation: Sha256Base64 = (data) => bytesToBase64(sha256(data));

/**
 * SHA-256 of `data` in padded base64, synchronous: pure JavaScript, or node:crypto once a Node
 * entry registered it (same answers). For what the SDK hashes without WebCrypto, such as key
 * fingerprints.
 *
 * @example
 * sha256Base64(new TextEncoder().encode('abc')); // 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='
 */
export function sha256Base64(data: Uint8Array): string {
  return implementation(data);
}

/**
 * Replaces the implementation of {@link sha256Base64} (same algorithm, same answers). Called by
 * the Node entries' registration module. @internal
 *
 * @example
 * registerSha256Base64((data) => nodeCrypto.hash('sha256', data, 'base64'));
 */
export function registerSha256Base64(replacement: Sha256Base64): void {
  implementation = replacement;
}
