import { PlatformError } from '../../errors/datafold-error.js';
import { noIndexedDB } from '../indexeddb/idb-requests.js';

// Whether this platform can keep a key that script cannot read (spec/indexeddb-storage-v1.md §7):
// IndexedDB to hold a CryptoKey by structured clone, and WebCrypto that generates Ed25519 keys
// non-extractable. Chromium 113+, Firefox 129+ and Safari 17+ do; older browsers lack Ed25519.

/** Where to look for the two features (the globals by default; tests pass their own). */
export interface NonExtractableEnvironment {
  indexedDB?: IDBFactory | null;
  subtle?: SubtleCrypto | null;
}

const PROBE = new Uint8Array([0x64, 0x66]);
const probes = new WeakMap<SubtleCrypto, Promise<boolean>>();

/**
 * Whether `subtle` generates a non-extractable Ed25519 key that signs, verifies and refuses to
 * be exported: the platform's claim is checked, not assumed. Runs once per SubtleCrypto.
 *
 * @example
 * if (!(await generatesNonExtractableEd25519(crypto.subtle))) useThePassphraseStore();
 */
export function generatesNonExtractableEd25519(subtle: SubtleCrypto): Promise<boolean> {
  let probe = probes.get(subtle);
  if (probe === undefined) {
    probe = (async () => {
      try {
        const pair = await subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
        if (!('privateKey' in pair) || pair.privateKey.extractable) return false;
        const signature = await subtle.sign({ name: 'Ed25519' }, pair.privateKey, PROBE);
        if (!(await subtle.verify({ name: 'Ed25519' }, pair.publicKey, signature, PROBE))) {
          return false;
        }
        return await subtle.exportKey('pkcs8', pair.privateKey).then(
          () => false,
          () => true,
        );
      } catch {
        return false;
      }
    })();
    probes.set(subtle, probe);
  }
  return probe;
}

/**
 * Throws the coded reason this platform cannot keep non-extractable keys: INDEXEDDB_NOT_SUPPORTED
 * without IndexedDB (Node, some workers), WEBCRYPTO_NOT_AVAILABLE without crypto.subtle (an
 * insecure context), UNSUPPORTED_PLATFORM where WebCrypto has no working non-extractable Ed25519.
 * A browser that has IndexedDB but refuses to open it is found when the store opens.
 *
 * @example
 * await assertNonExtractableKeySupport(); // throws in Node: no IndexedDB
 */
export async function assertNonExtractableKeySupport(
  environment: NonExtractableEnvironment = {},
): Promise<{ indexedDB: IDBFactory; subtle: SubtleCrypto }> {
  const g = globalThis as { indexedDB?: IDBFactory; crypto?: Crypto };
  const indexedDB = environment.indexedDB ?? g.indexedDB;
  if (indexedDB === undefined || indexedDB === null) throw noIndexedDB();
  const subtle = environment.subtle ?? g.crypto?.subtle;
  if (subtle === undefined || subtle === null) {
    throw new PlatformError(
      'WEBCRYPTO_NOT_AVAILABLE',
      'WebCrypto (crypto.subtle) is missing: serve the page over HTTPS or from localhost',
    );
  }
  if (!(await generatesNonExtractableEd25519(subtle))) {
    throw new PlatformError(
      'UNSUPPORTED_PLATFORM',
      "This browser's WebCrypto cannot generate non-extractable Ed25519 keys (Chromium 113+, Firefox 129+, Safari 17+ can). Keep the key in the passphrase store instead: createStorage()",
      { feature: 'non-extractable Ed25519 in WebCrypto', alternative: 'indexeddb' },
    );
  }
  return { indexedDB, subtle };
}

/**
 * Whether non-extractable keys work here: IndexedDB, and WebCrypto that really generates
 * non-extractable Ed25519 keys (checked by generating one). False in Node, which has no
 * IndexedDB. createNonExtractableKeyStore throws the coded reason where this is false.
 *
 * @example
 * const store = (await isNonExtractableKeySupported())
 *   ? await createNonExtractableKeyStore()
 *   : await createStorage();
 */
export function isNonExtractableKeySupported(): Promise<boolean> {
  return assertNonExtractableKeySupport().then(
    () => true,
    () => false,
  );
}
