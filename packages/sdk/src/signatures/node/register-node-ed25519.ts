/**
 * A side effect of the Node entries (`@datafold/js-sdk` as Node resolves it, index.node.ts, and
 * `/node`, `/fastify`, `/express`), kept in a module of its own so that it is seen: importing one
 * registers the 'node' Ed25519 backend (node-backend.ts), which 'auto' then picks, so `sign`,
 * `verify` and `generateKeyPair` (and so the signed-request middleware) run in native code on the
 * calling thread (libsodium through sodium-native, else OpenSSL through node:crypto) instead of
 * WebCrypto's thread-pool round trip. Same strict policy, same answers, the same signatures byte
 * for byte (the vector suites run on it). Nothing is loaded by the import itself. `useEd25519Backend('webcrypto')` or `('noble')` still pins another backend. package.json
 * lists this file under `sideEffects`, so bundlers keep it.
 *
 * @example
 * import '@datafold/js-sdk/fastify'; // verify now runs in native code on the event loop
 */
import { registerNodeEd25519Backend } from '../backend-selection.js';
import { createNodeBackend } from './node-backend.js';

registerNodeEd25519Backend((portable) => createNodeBackend(portable));
