/**
 * `@datafold/js-sdk` as Node resolves it: package.json's "." export sends the `node` condition
 * here, every other runtime and every browser bundle to index.ts. The same public surface (the one
 * list lives in index.ts, re-exported whole so the two cannot drift apart), plus two documented
 * side effects: the 'node' Ed25519 backend is registered (signatures/node/register-node-ed25519.ts),
 * so `sign`, `verify` and `generateKeyPair` run in native code on the calling thread (libsodium,
 * else OpenSSL) instead of WebCrypto's thread-pool round trip per call; and Content-Digest is
 * hashed by node:crypto (http-signatures/node/register-node-digests.ts), as the /node entry does.
 * Same strict policy, same signatures and digests; `useEd25519Backend('webcrypto')` still pins
 * WebCrypto.
 *
 * @example
 * import { sign } from '@datafold/js-sdk'; // in Node: this module
 */
import './signatures/node/register-node-ed25519.js';
import './http-signatures/node/register-node-digests.js';

export * from './index.js';
