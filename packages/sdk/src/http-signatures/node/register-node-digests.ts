/// <reference types="node" />
/**
 * A side effect of the Node entries (`@datafold/js-sdk/node`, `/fastify`, `/express`), in a module
 * of its own so that it is seen: importing one makes Content-Digest's SHA-256 and SHA-512 (signing
 * and verifying, spec §2.2) run in OpenSSL through `node:crypto` instead of pure JavaScript, which
 * the signed-request middleware pays on every request with content; so does the SDK's own
 * synchronous SHA-256 (platform/sha256-base64.ts: key fingerprints, which a server's key listing
 * computes for every row). Same digests; package.json lists this file under `sideEffects`, so
 * bundlers keep it.
 *
 * @example
 * import '@datafold/js-sdk/fastify'; // Content-Digest now hashed by node:crypto
 */
import * as nodeCrypto from 'node:crypto';
import { registerSha256Base64 } from '../../platform/sha256-base64.js';
import { registerContentHashes } from '../content-digest-hashes.js';

// crypto.hash (Node 20.12+, 21.7+) hashes in one call without a Hash object, about twice as fast
// for a request's few hundred bytes; createHash where it is missing.
const oneShot = typeof nodeCrypto.hash === 'function' ? nodeCrypto.hash : undefined;

const digestOf = (algorithm: 'sha256' | 'sha512') => (content: Uint8Array) => {
  const digest = oneShot
    ? oneShot(algorithm, content, 'buffer')
    : nodeCrypto.createHash(algorithm).update(content).digest();
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
};

registerContentHashes({ 'sha-256': digestOf('sha256'), 'sha-512': digestOf('sha512') });
registerSha256Base64((data) =>
  oneShot
    ? oneShot('sha256', data, 'base64')
    : nodeCrypto.createHash('sha256').update(data).digest('base64'),
);
