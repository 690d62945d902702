/**
 * The Ed25519 vector suite, runnable in Node and inside a browser page: no Node imports, vectors
 * passed in as parsed JSON (vectors/ed25519/*.json), the SDK passed in as its module namespace.
 * Every case runs under every available backend, and the backends are checked to agree.
 *
 * @example
 * import * as sdk from '../../src/index.js';
 * const results = await runEd25519Vectors(sdk, { rfc8032, edgeCases, pemJwk });
 * const failed = results.filter((r) => !r.ok);
 */
import type * as Formats from '../../src/formats/index.js';
import type * as Keys from '../../src/keys/index.js';
import type * as Signatures from '../../src/signatures/index.js';
import type { Ed25519BackendName } from '../../src/signatures/index.js';

/** The parts of the SDK the suite uses; the full SDK namespace satisfies it. */
export type Ed25519VectorSdk = Pick<typeof Keys, 'keyPairFromSeed' | 'getPublicKey' | 'isValidPublicKey'> &
  Pick<
    typeof Signatures,
    'sign' | 'verify' | 'verifyBatch' | 'useEd25519Backend' | 'getEd25519Backend' | 'isEd25519BackendAvailable'
  > &
  Pick<typeof Formats, 'formatKey' | 'parseKey'>;

export interface Rfc8032Vectors {
  source: string;
  cases: { name: string; secret_key: string; public_key: string; message: string; signature: string }[];
}

export interface EdgeCaseVectors {
  source: string;
  cases: {
    name: string;
    public_key: string;
    message: string;
    signature: string;
    expected: 'accept' | 'reject' | 'error';
    error_code?: string;
    public_key_valid: boolean;
    reason: string;
  }[];
}

type Jwk = Record<string, string>;
export interface PemJwkVectors {
  source: string;
  keys: {
    name: string;
    seed: string;
    public_key: string;
    private_pem: string;
    public_pem: string;
    private_pem_v2: string;
    private_jwk: Jwk;
    public_jwk: Jwk;
  }[];
  foreign: { name: string; format: 'pem' | 'jwk'; data: string | Jwk; error_code: string; found: string }[];
  malformed: { name: string; format: 'pem' | 'jwk'; data: string | Jwk; error_code: string }[];
}

export interface Ed25519VectorFiles {
  rfc8032: Rfc8032Vectors;
  edgeCases: EdgeCaseVectors;
  pemJwk: PemJwkVectors;
}

export interface VectorResult {
  suite: string;
  name: string;
  ok: boolean;
  detail?: string;
}

/** The backends the suite runs on by default: the ones every platform may have. */
const BACKENDS = ['webcrypto', 'noble'] as const;
type Backend = Ed25519BackendName;

function hex(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : `uncoded ${String(error)}`;
}

function sortedJson(value: unknown): string {
  const obj = typeof value === 'string' ? (JSON.parse(value) as Jwk) : (value as Jwk);
  return JSON.stringify(Object.fromEntries(Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : 1))));
}

/** Runs `check`, turning a throw into a failed result. */
async function attempt(suite: string, name: string, check: () => Promise<string | undefined>): Promise<VectorResult> {
  try {
    const problem = await check();
    return problem === undefined ? { suite, name, ok: true } : { suite, name, ok: false, detail: problem };
  } catch (error) {
    return { suite, name, ok: false, detail: `threw ${errorCode(error)}: ${(error as Error)?.message}` };
  }
}

/** An outcome of verify as a comparable word: accept, reject or error:CODE. */
async function outcome(sdk: Ed25519VectorSdk, signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): Promise<string> {
  try {
    return (await sdk.verify(signature, message, publicKey)) ? 'accept' : 'reject';
  } catch (error) {
    return `error:${errorCode(error)}`;
  }
}

async function rfc8032Suite(sdk: Ed25519VectorSdk, backend: Backend, vectors: Rfc8032Vectors): Promise<VectorResult[]> {
  const suite = `rfc8032/${backend}`;
  return Promise.all(
    vectors.cases.map((c) =>
      attempt(suite, c.name, async () => {
        const seed = hex(c.secret_key);
        const message = hex(c.message);
        const pair = await sdk.keyPairFromSeed(seed);
        if (toHex(pair.publicKey) !== c.public_key) return `public key ${toHex(pair.publicKey)}`;
        if (toHex(await sdk.getPublicKey(seed)) !== c.public_key) return 'getPublicKey differs';
        const signature = await sdk.sign(message, pair.privateKey);
        if (toHex(signature) !== c.signature) return `signature ${toHex(signature)}`;
        if (!(await sdk.verify(hex(c.signature), message, hex(c.public_key)))) return 'verify answered false';
        const tampered = hex(c.signature);
        tampered[0] = tampered[0]! ^ 1;
        if (await sdk.verify(tampered, message, pair.publicKey)) return 'verify accepted a flipped bit';
        return undefined;
      }),
    ),
  );
}

async function edgeSuite(sdk: Ed25519VectorSdk, backend: Backend, vectors: EdgeCaseVectors): Promise<{ results: VectorResult[]; outcomes: string[] }> {
  const suite = `edge-cases/${backend}`;
  const outcomes: string[] = [];
  const results: VectorResult[] = [];
  for (const c of vectors.cases) {
    const got = await outcome(sdk, hex(c.signature), hex(c.message), hex(c.public_key));
    outcomes.push(got);
    const want = c.expected === 'error' ? `error:${c.error_code}` : c.expected;
    results.push({ suite, name: c.name, ok: got === want, ...(got === want ? {} : { detail: `expected ${want}, got ${got} (${c.reason})` }) });
  }
  const batchable = vectors.cases.filter((c) => c.expected !== 'error');
  results.push(
    await attempt(suite, 'verifyBatch agrees with verify', async () => {
      const answers = await sdk.verifyBatch(
        batchable.map((c) => ({ signature: hex(c.signature), message: hex(c.message), publicKey: hex(c.public_key) })),
        { concurrency: 4 },
      );
      const wrong = batchable.filter((c, i) => (answers[i] ? 'accept' : 'reject') !== c.expected).map((c) => c.name);
      return wrong.length === 0 ? undefined : `differs on: ${wrong.join('; ')}`;
    }),
  );
  return { results, outcomes };
}

function publicKeySuite(sdk: Ed25519VectorSdk, vectors: EdgeCaseVectors): VectorResult[] {
  const seen = new Set<string>();
  return vectors.cases
    .filter((c) => !seen.has(c.public_key) && seen.add(c.public_key))
    .map((c) => {
      const got = sdk.isValidPublicKey(hex(c.public_key));
      return { suite: 'isValidPublicKey', name: c.name, ok: got === c.public_key_valid, ...(got === c.public_key_valid ? {} : { detail: `expected ${c.public_key_valid}` }) };
    });
}

async function pemJwkSuite(sdk: Ed25519VectorSdk, vectors: PemJwkVectors): Promise<VectorResult[]> {
  const suite = 'pem-jwk';
  const results: VectorResult[] = [];
  for (const k of vectors.keys) {
    const seed = hex(k.seed);
    const publicKey = hex(k.public_key);
    const pair = { privateKey: seed, publicKey };
    const checks: [string, () => string | undefined][] = [
      ['reads the OpenSSL private PEM', () => (same(sdk.parseKey(k.private_pem, 'pem', { keyType: 'private' }), seed) ? undefined : 'wrong seed')],
      ['reads the OpenSSL public PEM', () => (same(sdk.parseKey(k.public_pem, 'pem', { keyType: 'public' }), publicKey) ? undefined : 'wrong key')],
      ['reads PKCS#8 v2', () => (same(sdk.parseKey(k.private_pem_v2, 'pem'), seed) ? undefined : 'wrong seed')],
      ['writes the private PEM as OpenSSL does', () => (sdk.formatKey(pair, 'pem') === k.private_pem ? undefined : 'differs')],
      ['writes the public PEM as OpenSSL does', () => (sdk.formatKey(publicKey, 'pem', { keyType: 'public' }) === k.public_pem ? undefined : 'differs')],
      ['writes the private JWK', () => (sortedJson(sdk.formatKey(pair, 'jwk')) === sortedJson(k.private_jwk) ? undefined : 'differs')],
      ['writes the public JWK', () => (sortedJson(sdk.formatKey(publicKey, 'jwk', { keyType: 'public' })) === sortedJson(k.public_jwk) ? undefined : 'differs')],
      ['reads the private JWK', () => (same(sdk.parseKey(k.private_jwk, 'jwk'), seed) ? undefined : 'wrong seed')],
      ['reads the public JWK text', () => (same(sdk.parseKey(JSON.stringify(k.public_jwk), 'jwk'), publicKey) ? undefined : 'wrong key')],
    ];
    for (const [what, check] of checks) results.push(await attempt(suite, `${k.name}: ${what}`, () => Promise.resolve(check())));
  }
  for (const bad of [...vectors.foreign, ...vectors.malformed]) {
    results.push(
      await attempt(suite, `refuses ${bad.name}`, () => {
        try {
          sdk.parseKey(bad.data, bad.format);
          return Promise.resolve('was accepted');
        } catch (error) {
          const code = errorCode(error);
          if (code !== bad.error_code) return Promise.resolve(`threw ${code}, expected ${bad.error_code}`);
          const found = (bad as { found?: string }).found;
          const message = (error as Error).message;
          if (found !== undefined && !message.includes(found)) return Promise.resolve(`message does not name ${found}: ${message}`);
          return Promise.resolve(undefined);
        }
      }),
    );
  }
  return results;
}

/**
 * Runs every Ed25519 vector under every backend available here (by default WebCrypto and noble;
 * `backends` names others, such as the Node-only 'node') and checks that every backend agrees
 * with the first. Leaves the backend choice at 'auto'.
 *
 * @example
 * const results = await runEd25519Vectors(sdk, vectors);
 * expect(results.filter((r) => !r.ok)).toEqual([]);
 */
export async function runEd25519Vectors(
  sdk: Ed25519VectorSdk,
  vectors: Ed25519VectorFiles,
  backends: readonly Backend[] = BACKENDS,
): Promise<VectorResult[]> {
  const results: VectorResult[] = [];
  const outcomesByBackend = new Map<Backend, string[]>();
  try {
    for (const backend of backends) {
      if (!(await sdk.isEd25519BackendAvailable(backend))) {
        results.push({ suite: `backend/${backend}`, name: 'available', ok: backend !== 'noble', detail: 'not available on this platform' });
        continue;
      }
      sdk.useEd25519Backend(backend);
      const active = await sdk.getEd25519Backend();
      results.push({ suite: `backend/${backend}`, name: 'selected', ok: active === backend, ...(active === backend ? {} : { detail: `got ${active}` }) });
      results.push(...(await rfc8032Suite(sdk, backend, vectors.rfc8032)));
      const edge = await edgeSuite(sdk, backend, vectors.edgeCases);
      results.push(...edge.results);
      outcomesByBackend.set(backend, edge.outcomes);
    }
  } finally {
    sdk.useEd25519Backend('auto');
  }
  const [[firstName, first] = [], ...others] = [...outcomesByBackend.entries()];
  if (first !== undefined && others.length > 0) {
    for (const [otherName, other] of others) {
      vectors.edgeCases.cases.forEach((c, i) => {
        const ok = first[i] === other[i];
        results.push({ suite: 'backends-agree', name: others.length === 1 ? c.name : `${otherName}: ${c.name}`, ok, ...(ok ? {} : { detail: `${firstName} ${first[i]}, ${otherName} ${other[i]}` }) });
      });
    }
  } else {
    results.push({ suite: 'backends-agree', name: 'only one backend available', ok: true, detail: 'agreement not checked on this platform' });
  }
  results.push(...publicKeySuite(sdk, vectors.edgeCases));
  results.push(...(await pemJwkSuite(sdk, vectors.pemJwk)));
  return results;
}
