import { PlatformError, ValidationError } from '../errors/datafold-error.js';
import type { Ed25519Backend, Ed25519BackendChoice, Ed25519BackendName } from './backend-types.js';
import { createNobleBackend } from './noble-backend.js';
import { createWebCryptoBackend } from './webcrypto-backend.js';
import { webCryptoVerifiesKnownAnswer, withCheckedSigning } from './webcrypto-probe.js';

const CHOICES: readonly Ed25519BackendChoice[] = ['auto', 'node', 'webcrypto', 'noble'];

let choice: Ed25519BackendChoice = 'auto';
let active: Ed25519Backend | undefined;
// Bumped by every change of choice or registration, so a resolution that started before one
// never installs its (stale) answer.
let generation = 0;
let webcrypto: Promise<Ed25519Backend | null> | undefined;
let noble: Ed25519Backend | undefined;
let webcryptoInstance: Ed25519Backend | undefined;
// The Node-native backend exists only once a Node entry (the main entry as Node resolves it,
// index.node.ts, or `/node`, `/fastify`, `/express`) has registered its factory
// (signatures/node/register-node-ed25519.ts): this module imports no `node:*`, so the isomorphic
// entry that browsers bundle stays free of it.
let nodeFactory: NodeBackendFactory | undefined;
let nodeInstance: Ed25519Backend | undefined;

/** Builds the Node-native backend around the portable one (WebCrypto or noble). @internal */
export type NodeBackendFactory = (
  portable: () => Ed25519Backend | Promise<Ed25519Backend>,
) => Ed25519Backend;

/**
 * Makes the Node-native backend available, and the one 'auto' picks. Called once by the Node
 * entries' registration module; a later call replaces the factory. @internal
 */
export function registerNodeEd25519Backend(factory: NodeBackendFactory): void {
  nodeFactory = factory;
  nodeInstance = undefined;
  active = undefined;
  generation++;
}

// WebCrypto is used once it reproduces RFC 8032 TEST 1 (webcrypto-probe.ts): the verifying half
// here, the signing half on the first private-key operation.
async function probeWebCrypto(): Promise<Ed25519Backend | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle || !(await webCryptoVerifiesKnownAnswer(subtle))) return null;
  webcryptoInstance = createWebCryptoBackend(subtle);
  return withCheckedSigning(webcryptoInstance, subtle, nobleBackend);
}

function webCryptoBackend(): Promise<Ed25519Backend | null> {
  return (webcrypto ??= probeWebCrypto());
}

function nobleBackend(): Ed25519Backend {
  return (noble ??= createNobleBackend());
}

/** What 'auto' picks without the Node backend: WebCrypto where it works, else noble. */
async function portableBackend(): Promise<Ed25519Backend> {
  return (await webCryptoBackend()) ?? nobleBackend();
}

function nodeBackend(): Ed25519Backend | undefined {
  if (nodeFactory === undefined) return undefined;
  return (nodeInstance ??= nodeFactory(portableBackend));
}

/** The backend in use, resolved once per choice; sync after the first call. @internal */
export function currentBackend(): Ed25519Backend | Promise<Ed25519Backend> {
  return active ?? resolve();
}

async function resolve(): Promise<Ed25519Backend> {
  const wanted = choice;
  const started = generation;
  let backend: Ed25519Backend;
  const node = wanted === 'auto' || wanted === 'node' ? nodeBackend() : undefined;
  if (wanted === 'noble') backend = nobleBackend();
  else if (node !== undefined) backend = node;
  else if (wanted === 'node') {
    throw new PlatformError(
      'UNSUPPORTED_PLATFORM',
      "the 'node' Ed25519 backend needs a Node entry: import '@datafold/js-sdk' under Node (or '/node', '/fastify', '/express') first",
      { feature: 'node:crypto Ed25519' },
    );
  } else {
    const native = await webCryptoBackend();
    if (native === null && wanted === 'webcrypto') {
      throw new PlatformError(
        'UNSUPPORTED_PLATFORM',
        "this platform's WebCrypto has no working Ed25519: use useEd25519Backend('auto') or ('noble')",
        { feature: 'WebCrypto Ed25519' },
      );
    }
    backend = native ?? nobleBackend();
  }
  if (generation === started) active = backend; // a concurrent change of choice wins
  return backend;
}

/**
 * Pins the Ed25519 backend: 'webcrypto' (native; fails with UNSUPPORTED_PLATFORM where absent),
 * 'noble' (pure JS), 'node' (libsodium, else `node:crypto`, on the calling thread: registered by
 * every entry as Node resolves it, `@datafold/js-sdk` included; UNSUPPORTED_PLATFORM elsewhere) or
 * 'auto' (the default: 'node' where registered, else WebCrypto where it works, else noble). All
 * follow the same strict policy (spec/ed25519-verification.md) and produce identical signatures;
 * tests pin each in turn.
 *
 * @example
 * useEd25519Backend('noble');
 * await verify(signature, message, publicKey); // checked in pure JavaScript
 */
export function useEd25519Backend(backend: Ed25519BackendChoice): void {
  if (!CHOICES.includes(backend)) {
    throw new ValidationError('INVALID_ARGUMENT', `backend must be one of ${CHOICES.join(', ')}`, {
      argument: 'backend',
    });
  }
  choice = backend;
  active = undefined;
  generation++;
}

/**
 * The backend sign/verify use now, after resolving 'auto'.
 *
 * @example
 * console.log(await getEd25519Backend()); // 'webcrypto' in browsers; 'node' in Node
 */
export async function getEd25519Backend(): Promise<Ed25519BackendName> {
  return (await currentBackend()).name;
}

/**
 * Whether a backend works on this platform ('noble' always does).
 *
 * @example
 * for (const name of ['webcrypto', 'noble'] as const) if (await isEd25519BackendAvailable(name)) ...
 */
export async function isEd25519BackendAvailable(backend: Ed25519BackendName): Promise<boolean> {
  if (backend === 'noble') return true;
  if (backend === 'node') return nodeFactory !== undefined;
  if (backend === 'webcrypto') return (await webCryptoBackend()) !== null;
  throw new ValidationError('INVALID_ARGUMENT', 'backend must be webcrypto or noble', {
    argument: 'backend',
  });
}

/**
 * Drops the cached imported keys for this array from every backend (and wipes our copy), or all
 * cached keys when called without an argument. Call it before wiping a private key you signed with.
 *
 * @example
 * forgetEd25519Key(keyPair.privateKey);
 * keyPair.privateKey.fill(0);
 */
export function forgetEd25519Key(key?: Uint8Array): void {
  for (const backend of [noble, webcryptoInstance, nodeInstance]) {
    if (backend === undefined) continue;
    if (key === undefined) backend.clear();
    else backend.forget(key);
  }
}
