/**
 * A side effect of the Node entries (`@datafold/js-sdk/node`, `/fastify`, `/express`), kept in a
 * module of its own so that it is seen: importing one registers the 'node' Ed25519 backend
 * (node-crypto-backend.ts), which 'auto' then picks, so `verify` (and so the signed-request
 * middleware) checks signatures with `node:crypto` on the calling thread instead of WebCrypto's
 * thread-pool round trip. Same strict policy, same answers (the vector suites run on it); signing
 * is unchanged. `useEd25519Backend('webcrypto')` or `('noble')` still pins another backend.
 * package.json lists this file under `sideEffects`, so bundlers keep it.
 *
 * @example
 * import '@datafold/js-sdk/fastify'; // verify now runs through node:crypto
 */
import { registerNodeEd25519Backend } from '../backend-selection.js';
import { createNodeCryptoBackend } from './node-crypto-backend.js';

registerNodeEd25519Backend(createNodeCryptoBackend);
