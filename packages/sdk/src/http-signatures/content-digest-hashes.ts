import { sha256, sha512 } from '@noble/hashes/sha2.js';

/** One digest of RFC 9530's registry: the content bytes in, the digest out. */
export type ContentHash = (content: Uint8Array) => Uint8Array;

/** The algorithms this profile computes for Content-Digest (spec §2.2), by registry name. */
export interface ContentHashes {
  'sha-256': ContentHash;
  'sha-512': ContentHash;
}

// Pure JavaScript by default, so every runtime computes them; the Node entries swap in node:crypto
// (node/register-node-digests.ts), several times faster for a request's content.
let hashes: ContentHashes = { 'sha-256': sha256, 'sha-512': sha512 };

/**
 * The Content-Digest hash named `algorithm`, or undefined for one this profile does not compute.
 *
 * @example
 * contentHash('sha-256')?.(body);
 */
export function contentHash(algorithm: string): ContentHash | undefined {
  return Object.hasOwn(hashes, algorithm) ? hashes[algorithm as keyof ContentHashes] : undefined;
}

/**
 * Replaces the implementations of the Content-Digest hashes (same algorithms, same answers). Called
 * by the Node entries' registration module. @internal
 *
 * @example
 * registerContentHashes({ 'sha-256': nodeSha256, 'sha-512': nodeSha512 });
 */
export function registerContentHashes(replacement: ContentHashes): void {
  hashes = replacement;
}
