#!/usr/bin/env node
// Generates the signed-request vectors of spec/http-message-signatures-v1.md: sign.json (what a
// signer must produce), verify.json (what a verifier must answer, every refusal code but
// REPLAY_STORE_UNAVAILABLE) and rfc9421-b26.json (RFC 9421 Appendix B.2.6, verbatim).
// An implementation independent of the SDK's: it writes the signature base from RFC 9421 §2.5
// and the profile's rules by hand and signs with node:crypto (Ed25519 is deterministic, RFC 8032
// §5.1.6), so the files are identical on every run. `--out DIR` writes elsewhere; the TypeScript
// suite renders in memory and fails on any difference from the committed files.
import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const DIR = dirname(fileURLToPath(import.meta.url));
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function keyFromSeed(seedHex) {
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(seedHex, 'hex')]),
    format: 'der',
    type: 'pkcs8',
  });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { seedHex, privateKey, publicKeyHex: spki.subarray(spki.length - 32).toString('hex') };
}

// RFC 8032 §7.1 TEST 1 signs every vector; TEST 2 is "another key" for INVALID.
const CLIENT = { id: 'vector-client', key: keyFromSeed('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60') };
const OTHER = keyFromSeed('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb');
const NOW_MS = 1_796_600_000_000;
const NOW = NOW_MS / 1000;
const MAX_AGE = 300;
const CLOCK_SKEW = 30;
const TAG = 'datafold-request-v1';
const NONCE = 'AAECAwQFBgcICQoLDA0ODw'; // 16 bytes 00..0f, base64url

const b64 = (bytes) => Buffer.from(bytes).toString('base64');
const utf8 = (text) => Buffer.from(text, 'utf8');
const sfString = (s) => `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
const digest = (alg, body) => `${alg}=:${createHash(alg.replace('-', '')).update(body).digest('base64')}:`;

/** Header fields by lower-case name, trimmed, repeats joined with ", " (RFC 9421 §2.1). */
function fields(headers) {
  const out = new Map();
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    const v = value.replace(/^[ \t]+|[ \t]+$/g, '');
    out.set(key, out.has(key) ? `${out.get(key)}, ${v}` : v);
  }
  return out;
}

/** A derived component or a field's value (RFC 9421 §2.2); the URIs here are already in sent form. */
function componentValue(id, request) {
  const url = new URL(request.target_uri);
  switch (id) {
    case '@method':
      return request.method.toUpperCase();
    case '@target-uri':
      return request.target_uri;
    case '@authority':
      return url.host;
    case '@scheme':
      return url.protocol.slice(0, -1);
    case '@path':
      return url.pathname;
    case '@query':
      return url.search === '' ? '?' : url.search;
    case '@request-target':
      return url.pathname + url.search;
    default:
      return fields(request.headers).get(id);
  }
}

/**
 * `("id" ...);name=value...` — params is a list of [name, serialised value or true]; a component
 * given as { raw } is written as is (the malformed cases).
 */
function signatureParams(components, params) {
  const ids = components.map((c) => (typeof c === 'string' ? sfString(c) : c.raw));
  return `(${ids.join(' ')})${params.map(([k, v]) => (v === true ? `;${k}` : `;${k}=${v}`)).join('')}`;
}

/** RFC 9421 §2.5. */
function signatureBase(request, components, paramsText) {
  const lines = components.map((id) => `${sfString(id)}: ${componentValue(id, request)}`);
  return [...lines, `"@signature-params": ${paramsText}`].join('\n');
}

/** Our signers' parameters (spec §2), in their order: created, expires, nonce, alg, keyid, tag. */
function profileParams({ created, expiresIn = 60, nonce = NONCE, keyid = CLIENT.id }) {
  return [
    ['created', String(created)],
    ['expires', String(created + expiresIn)],
    ['nonce', sfString(nonce)],
    ['alg', sfString('ed25519')],
    ['keyid', sfString(keyid)],
    ['tag', sfString(TAG)],
  ];
}

/** Our signers' coverage (spec §2.1). */
function profileComponents(request, extra = []) {
  const body = request.body ?? Buffer.alloc(0);
  const ids = ['@method', '@target-uri'];
  if (body.length > 0 && fields(request.headers).has('content-type')) ids.push('content-type');
  for (const id of extra) if (!ids.includes(id)) ids.push(id);
  if (body.length > 0) ids.push('content-digest');
  return ids;
}

function wireRequest(request) {
  const out = { method: request.method, target_uri: request.target_uri, headers: request.headers };
  if (request.body !== undefined) out.body_base64 = b64(request.body);
  return out;
}

// ---- sign.json ----------------------------------------------------------------------------

const SIGN_CASES = [
  {
    name: 'get-without-body',
    description: 'No content: ("@method" "@target-uri") and no Content-Digest.',
    request: { method: 'GET', target_uri: 'https://api.example.com/v1/keys?limit=10&after=a%2Fb', headers: [['Accept', 'application/json']] },
    options: { created_ms: 1_796_599_999_123, expires_in: 60, nonce: NONCE },
  },
  {
    name: 'post-json-body',
    description: 'Content: content-type and content-digest covered, Content-Digest sha-256.',
    request: {
      method: 'POST',
      target_uri: 'https://api.example.com/v1/orders',
      headers: [['Content-Type', 'application/json'], ['Accept', 'application/json']],
      body: utf8('{"item":"book","quantity":1}'),
    },
    options: { created_ms: NOW_MS, expires_in: 60, nonce: NONCE },
  },
  {
    name: 'put-extra-components-trimmed-and-combined',
    description: 'components adds header fields: values trimmed, a repeated field joined with ", ", in the order given after the required ones and before content-digest.',
    request: {
      method: 'put',
      target_uri: 'http://localhost:9000/v1/items/42',
      headers: [['Content-Type', 'text/plain;charset=UTF-8'], ['X-Request-Id', '  req-7  '], ['Cache-Control', 'no-cache'], ['cache-control', 'no-store']],
      body: utf8('héllo wörld\n'),
    },
    options: { created_ms: NOW_MS + 999, expires_in: 120, nonce: 'n0nce-with_url.safe+chars/=0123456789', components: ['x-request-id', 'cache-control'] },
  },
  {
    name: 'delete-port-and-encoded-path',
    description: 'A non-default port stays in @target-uri; the path and query are signed as sent.',
    request: { method: 'DELETE', target_uri: 'https://api.example.com:8443/v1/keys/a%20b?reason=lost%20laptop', headers: [] },
    options: { created_ms: NOW_MS, expires_in: 60, nonce: NONCE },
  },
  {
    name: 'post-empty-body',
    description: 'An empty body is no content: no content-digest.',
    request: { method: 'POST', target_uri: 'https://api.example.com/v1/ping', headers: [['Content-Length', '0']], body: Buffer.alloc(0) },
    options: { created_ms: NOW_MS, expires_in: 60, nonce: NONCE },
  },
];

export function buildSignVectors() {
  const cases = SIGN_CASES.map(({ name, description, request, options }) => {
    const body = request.body ?? Buffer.alloc(0);
    const headers = [...request.headers];
    const expected = {};
    if (body.length > 0) {
      expected.content_digest = digest('sha-256', body);
      headers.push(['Content-Digest', expected.content_digest]);
    }
    const created = Math.floor(options.created_ms / 1000);
    const components = profileComponents({ ...request, headers }, options.components);
    const paramsText = signatureParams(components, profileParams({ created, expiresIn: options.expires_in, nonce: options.nonce }));
    const base = signatureBase({ ...request, headers }, components, paramsText);
    expected.signature_base = base;
    expected.signature_input = `datafold=${paramsText}`;
    expected.signature = `datafold=:${b64(sign(null, utf8(base), CLIENT.key.privateKey))}:`;
    return { name, description, request: wireRequest(request), options, expected };
  });
  return {
    description:
      'What a DataFold signer must produce (spec/http-message-signatures-v1.md §2). Sign each request with key.private_key_hex as client key.client_id, with created = floor(options.created_ms / 1000), expires = created + options.expires_in, the given nonce and extra components; the Content-Digest, signature base, Signature-Input and Signature values must equal expected byte for byte. target_uri is already in the form a Fetch client sends; headers are [name, value] in order, the content is body_base64.',
    source: 'Generated by vectors/http-signatures/generate.mjs with node:crypto, independently of the SDK. Keys: RFC 8032 §7.1 TEST 1.',
    spec: 'spec/http-message-signatures-v1.md',
    key: { client_id: CLIENT.id, private_key_hex: CLIENT.key.seedHex, public_key_hex: CLIENT.key.publicKeyHex },
    cases,
  };
}

// ---- verify.json --------------------------------------------------------------------------

const GET = { method: 'GET', target_uri: 'https://api.example.com/v1/keys?limit=10', headers: [['Accept', 'application/json']] };
const POST = {
  method: 'POST',
  target_uri: 'https://api.example.com/v1/orders?draft=1',
  headers: [['Content-Type', 'application/json']],
  body: utf8('{"item":"book","quantity":1}'),
};

/**
 * A request signed by `overrides.signer` (default the client) with our profile, then changed as
 * the case says. Every knob a refusal needs: components, params (list), label, digest, extra
 * members, and `after` to alter the request once signed.
 */
function signed(base, o = {}) {
  const request = { ...base, headers: [...base.headers] };
  const body = request.body ?? Buffer.alloc(0);
  if (o.digestField !== undefined) request.headers.push(['Content-Digest', o.digestField]);
  else if (body.length > 0) request.headers.push(['Content-Digest', digest('sha-256', body)]);
  const created = o.created ?? NOW - 5;
  const components = o.components ?? profileComponents(request);
  const params = o.params ?? profileParams({ created });
  const paramsText = signatureParams(components, params);
  const label = o.label ?? 'datafold';
  const signature = o.signature ?? sign(null, utf8(signatureBase(request, components, paramsText)), (o.signer ?? CLIENT.key).privateKey);
  const inputMembers = [`${label}=${paramsText}`, ...(o.extraInput ?? [])];
  const signatureMembers = [`${label}=:${b64(signature)}:`, ...(o.extraSignature ?? [])];
  if (o.foreignFirst) {
    inputMembers.reverse();
    signatureMembers.reverse();
  }
  request.headers.push(['Signature-Input', inputMembers.join(', ')], ['Signature', signatureMembers.join(', ')]);
  return o.after ? o.after(request) : request;
}

const withHeader = (name, value) => (r) => ({ ...r, headers: r.headers.map(([n, v]) => (n === name ? [n, value] : [n, v])) });
const withoutHeaders = (...names) => (r) => ({ ...r, headers: r.headers.filter(([n]) => !names.includes(n)) });
const params = (changes, { created = NOW - 5 } = {}) => {
  const list = profileParams({ created }).filter(([k]) => !(k in changes && changes[k] === undefined));
  const out = list.map(([k, v]) => (k in changes ? [k, changes[k]] : [k, v]));
  for (const [k, v] of Object.entries(changes)) if (v !== undefined && !list.some(([key]) => key === k)) out.push([k, v]);
  return out;
};
const FOREIGN_INPUT = 'proxy=("@method" "@authority");created=1796599990;keyid="edge-proxy";tag="web-bot-auth"';
const FOREIGN_SIGNATURE = `proxy=:${b64(Buffer.alloc(64, 7))}:`;

function verifyCases() {
  const ok = (name, description, request, extra = {}) => ({ name, description, request, key_status: 'active', ...extra, expect: 'ok' });
  const refuse = (expect, name, description, request, extra = {}) => ({ name, description, request, key_status: 'active', ...extra, expect });
  return [
    ok('ok-get-without-body', 'Our signer, no content.', signed(GET)),
    ok('ok-post-with-body', 'Our signer, content with Content-Digest sha-256.', signed(POST)),
    ok('ok-authority-path-query', '"@authority" "@path" "@query" instead of "@target-uri".', signed(POST, { components: ['@method', '@authority', '@path', '@query', 'content-digest'] })),
    ok('ok-foreign-signature-ignored', "Another signature (another tag, an invalid signature) beside ours is ignored.", signed(POST, { extraInput: [FOREIGN_INPUT], extraSignature: [FOREIGN_SIGNATURE], foreignFirst: true })),
    ok('ok-unknown-parameters-ignored', 'Unknown parameters are covered by @signature-params and otherwise ignored.', signed(GET, { params: params({ 'x-trace': '"abc"', ext: true, weight: '0.5' }) })),
    ok('ok-sha512-digest', 'Content-Digest with sha-512 only.', signed(POST, { digestField: digest('sha-512', POST.body) })),
    ok('ok-sha256-and-sha512-digest', 'Content-Digest with both algorithms, and one unknown to ignore.', signed(POST, { digestField: `${digest('sha-512', POST.body)}, md5=:AAAAAAAAAAAAAAAAAAAAAA==:, ${digest('sha-256', POST.body)}` })),
    ok('ok-alg-absent-no-expires', 'alg absent (the key decides) and no expires.', signed(GET, { params: params({ alg: undefined, expires: undefined }) })),
    ok('ok-other-label', 'Our signature is found by its tag, whatever its label.', signed(GET, { label: 'sig1' })),
    ok('ok-lower-case-method-and-request-target', 'The method is compared upper-case; @request-target and @scheme are supported.', signed({ ...GET, method: 'get' }, { components: ['@method', '@target-uri', '@request-target', '@scheme'] })),
    ok('ok-created-at-the-skew', 'created exactly clock_skew seconds in the future is accepted.', signed(GET, { created: NOW + CLOCK_SKEW, params: params({}, { created: NOW + CLOCK_SKEW }) })),

    refuse('REQUEST_SIGNATURE_MISSING', 'missing-no-fields', 'No Signature-Input and no Signature.', GET),
    refuse('REQUEST_SIGNATURE_MISSING', 'missing-only-foreign-signature', 'Only a signature with another tag.', { ...GET, headers: [...GET.headers, ['Signature-Input', FOREIGN_INPUT], ['Signature', FOREIGN_SIGNATURE]] }),
    refuse('REQUEST_SIGNATURE_MALFORMED', 'malformed-unparsable-input', 'Signature-Input is not a dictionary (trailing comma).', signed(GET, { after: (r) => withHeader('Signature-Input', `${r.headers.find(([n]) => n === 'Signature-Input')[1]},`)(r) })),
    refuse('REQUEST_SIGNATURE_MALFORMED', 'malformed-unparsable-signature', 'Signature is not a dictionary.', signed(GET, { after: withHeader('Signature', 'datafold=:not base64:') })),
    refuse('REQUEST_SIGNATURE_MALFORMED', 'malformed-field-too-long', 'Signature-Input longer than 8,192 bytes.', signed(GET, { params: params({ padding: sfString('x'.repeat(8200)) }) })),
    refuse('REQUEST_SIGNATURE_MALFORMED', 'malformed-too-many-members', 'Nine members in Signature-Input.', signed(GET, { extraInput: Array.from({ length: 8 }, (_, i) => `p${i}=("@method");tag="other"`) })),
    refuse('REQUEST_SIGNATURE_MALFORMED', 'malformed-two-signatures-with-our-tag', 'Two members tagged datafold-request-v1.', signed(GET, { extraInput: [`again=("@method" "@target-uri");created=${NOW - 5};keyid="vector-client";nonce="${NONCE}";tag="${TAG}"`], extraSignature: [`again=:${b64(Buffer.alloc(64, 1))}:`] })),
    refuse('REQUEST_SIGNATURE_MALFORMED', 'malformed-signature-member-missing', 'Signature has no member with our label.', signed(GET, { after: withHeader('Signature', FOREIGN_SIGNATURE) })),
    refuse('REQUEST_SIGNATURE_MALFORMED', 'malformed-signature-63-bytes', 'The signature is 63 bytes.', signed(GET, { signature: Buffer.alloc(63, 3) })),
    refuse('REQUEST_SIGNATURE_MALFORMED', 'malformed-keyid-missing', 'No keyid.', signed(GET, { params: params({ keyid: undefined }) })),
    refuse('REQUEST_SIGNATURE_MALFORMED', 'malformed-keyid-not-a-client-id', 'keyid with a space.', signed(GET, { params: params({ keyid: '"vector client"' }) })),
    refuse('REQUEST_SIGNATURE_MALFORMED', 'malformed-created-missing', 'No created.', signed(GET, { params: params({ created: undefined }) })),
    refuse('REQUEST_SIGNATURE_MALFORMED', 'malformed-created-a-string', 'created is a string.', signed(GET, { params: params({ created: `"${NOW - 5}"` }) })),
    refuse('REQUEST_SIGNATURE_MALFORMED', 'malformed-nonce-missing', 'No nonce.', signed(GET, { params: params({ nonce: undefined }) })),
    refuse('REQUEST_SIGNATURE_MALFORMED', 'malformed-nonce-too-short', 'A 21-character nonce (less than 128 bits).', signed(GET, { params: params({ nonce: sfString('AAECAwQFBgcICQoLDA0OD') }) })),
    refuse('REQUEST_SIGNATURE_MALFORMED', 'malformed-alg-other', 'alg names another algorithm.', signed(GET, { params: params({ alg: '"rsa-pss-sha512"' }) })),
    refuse('REQUEST_SIGNATURE_MALFORMED', 'malformed-expires-not-after-created', 'expires equals created.', signed(GET, { params: params({ expires: String(NOW - 5) }) })),
    refuse('REQUEST_SIGNATURE_MALFORMED', 'malformed-component-with-parameter', 'A component with ;sf.', signed(GET, { components: ['@method', '@target-uri', { raw: '"accept";sf' }], signature: Buffer.alloc(64, 2) })),
    refuse('REQUEST_SIGNATURE_MALFORMED', 'malformed-component-twice', '"@method" listed twice.', signed(GET, { components: ['@method', '@target-uri', '@method'] })),
    refuse('REQUEST_SIGNATURE_MALFORMED', 'malformed-component-absent', 'A covered field the request does not have.', signed(GET, { components: ['@method', '@target-uri', 'x-missing'], signature: Buffer.alloc(64, 2) })),
    refuse('REQUEST_SIGNATURE_MALFORMED', 'malformed-component-status', '"@status" is a response component.', signed(GET, { components: ['@method', '@target-uri', '@status'], signature: Buffer.alloc(64, 2) })),
    refuse('REQUEST_SIGNATURE_MALFORMED', 'malformed-component-upper-case', 'A field named in upper case.', signed(GET, { components: ['@method', '@target-uri', 'Accept'], signature: Buffer.alloc(64, 2) })),
    refuse('REQUEST_SIGNATURE_INSUFFICIENT_COVERAGE', 'coverage-no-method', '"@method" not covered.', signed(GET, { components: ['@target-uri'] })),
    refuse('REQUEST_SIGNATURE_INSUFFICIENT_COVERAGE', 'coverage-no-query', '"@authority" and "@path" without "@query".', signed(GET, { components: ['@method', '@authority', '@path'] })),
    refuse('REQUEST_SIGNATURE_INSUFFICIENT_COVERAGE', 'coverage-body-without-digest', 'Content without "content-digest" covered.', signed(POST, { components: ['@method', '@target-uri', 'content-type'] })),
    refuse('REQUEST_SIGNATURE_NOT_YET_VALID', 'not-yet-valid', 'created 31 s in the future (skew 30).', signed(GET, { params: params({}, { created: NOW + 31 }) })),
    refuse('REQUEST_SIGNATURE_EXPIRED', 'expired', 'expires 31 s ago (skew 30).', signed(GET, { params: params({ expires: String(NOW - 31) }, { created: NOW - 100 }) })),
    refuse('REQUEST_SIGNATURE_TOO_OLD', 'too-old', 'created 331 s ago (max age 300 + skew 30), no expires.', signed(GET, { params: params({ expires: undefined }, { created: NOW - 331 }) })),
    refuse('CONTENT_DIGEST_MISMATCH', 'digest-body-changed', 'The body was changed after signing.', signed(POST, { after: (r) => ({ ...r, body: utf8('{"item":"book","quantity":9}') }) })),
    refuse('CONTENT_DIGEST_MISMATCH', 'digest-no-supported-algorithm', 'Content-Digest lists only an unknown algorithm.', signed(POST, { digestField: 'md5=:AAAAAAAAAAAAAAAAAAAAAA==:' })),
    refuse('CONTENT_DIGEST_MISMATCH', 'digest-one-of-two-wrong', 'sha-256 right, sha-512 wrong: every supported digest must match.', signed(POST, { digestField: `${digest('sha-256', POST.body)}, ${digest('sha-512', utf8('other'))}` })),
    refuse('CONTENT_DIGEST_MISMATCH', 'order-digest-before-key', 'A bad digest and an unknown key: the content is checked before the key is looked up.', signed(POST, { after: (r) => ({ ...r, body: utf8('{}') }) }), { key_status: 'unknown' }),
    refuse('REQUEST_SIGNATURE_UNKNOWN_KEY', 'unknown-key', 'keyid names no registered client.', signed(GET), { key_status: 'unknown' }),
    refuse('REQUEST_SIGNATURE_INACTIVE_KEY', 'inactive-key', "The client's registration is revoked.", signed(GET), { key_status: 'inactive' }),
    refuse('REQUEST_SIGNATURE_INVALID', 'invalid-other-key', 'Signed by another key.', signed(GET, { signer: OTHER })),
    refuse('REQUEST_SIGNATURE_INVALID', 'invalid-uri-changed', 'The query was changed after signing.', signed(GET, { after: (r) => ({ ...r, target_uri: 'https://api.example.com/v1/keys?limit=1000' }) })),
    refuse('REQUEST_SIGNATURE_INVALID', 'invalid-covered-field-changed', 'A covered field was changed after signing.', signed(POST, { after: withHeader('Content-Type', 'text/plain') })),
    refuse('REQUEST_SIGNATURE_INVALID', 'invalid-method-changed', 'The method was changed after signing.', signed(GET, { after: (r) => ({ ...r, method: 'DELETE' }) })),
    refuse('REQUEST_SIGNATURE_REPLAYED', 'replayed', 'The same signed request twice: the second is refused.', signed(GET), { repeat: 2 }),
    refuse('REQUEST_SIGNATURE_EXPIRED', 'order-expired-before-key', 'Expired and an unknown key: time is checked first.', signed(GET, { params: params({ expires: String(NOW - 31) }, { created: NOW - 100 }) }), { key_status: 'unknown' }),
    refuse('REQUEST_SIGNATURE_INSUFFICIENT_COVERAGE', 'order-coverage-before-time', 'Insufficient coverage and too old: coverage is checked first.', signed(GET, { components: ['@target-uri'], params: params({ expires: undefined }, { created: NOW - 1000 }) })),
    refuse('REQUEST_SIGNATURE_MALFORMED', 'malformed-covered-digest-removed', 'Content-Digest covered but removed: an absent component is malformed.', signed(POST, { after: withoutHeaders('Content-Digest') })),
  ].map((c) => ({ ...c, request: wireRequest(c.request) }));
}

export function buildVerifyVectors() {
  return {
    description:
      'What a DataFold verifier must answer (spec/http-message-signatures-v1.md §3). Verify each request at now_ms with max_age and clock_skew, a resolver answering key_status for key.client_id (active: key.public_key_hex), and a fresh memory replay store with notBefore 0; with repeat 2, verify the same request twice and the second answer is expect. expect is "ok" or the registry code of spec §4. Every code but REPLAY_STORE_UNAVAILABLE appears.',
    source: 'Generated by vectors/http-signatures/generate.mjs with node:crypto, independently of the SDK. Keys: RFC 8032 §7.1 TEST 1 (the client) and TEST 2 (another key).',
    spec: 'spec/http-message-signatures-v1.md',
    key: { client_id: CLIENT.id, private_key_hex: CLIENT.key.seedHex, public_key_hex: CLIENT.key.publicKeyHex },
    now_ms: NOW_MS,
    max_age: MAX_AGE,
    clock_skew: CLOCK_SKEW,
    cases: verifyCases(),
  };
}

// ---- rfc9421-b26.json ---------------------------------------------------------------------

// RFC 9421 Appendix B.1.4 (test-key-ed25519), B.2 (test-request) and B.2.6, copied verbatim
// (the RFC 8792 line wrapping undone).
const B14_PRIVATE_PEM = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----\n';
const B14_PUBLIC_PEM = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=\n-----END PUBLIC KEY-----\n';
const B2_REQUEST = {
  method: 'POST',
  target_uri: 'https://example.com/foo?param=Value&Pet=dog',
  headers: [
    ['Host', 'example.com'],
    ['Date', 'Tue, 20 Apr 2021 02:07:55 GMT'],
    ['Content-Type', 'application/json'],
    ['Content-Digest', 'sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:'],
    ['Content-Length', '18'],
  ],
  body: utf8('{"hello": "world"}'),
};
const B26_PARAMS = '("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"';
const B26_BASE =
  '"date": Tue, 20 Apr 2021 02:07:55 GMT\n"@method": POST\n"@path": /foo\n"@authority": example.com\n"content-type": application/json\n"content-length": 18\n' +
  `"@signature-params": ${B26_PARAMS}`;
const B26_SIGNATURE = 'sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:';

export function buildRfcVector() {
  const privateKey = createPrivateKey(B14_PRIVATE_PEM);
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(B14_PUBLIC_PEM).export({ format: 'der', type: 'spki' });
  const components = ['date', '@method', '@path', '@authority', 'content-type', 'content-length'];
  // The file is checked here as well as in every face: our base and signature must be the RFC's.
  const base = signatureBase(B2_REQUEST, components, B26_PARAMS);
  const signature = `sig-b26=:${b64(sign(null, utf8(base), privateKey))}:`;
  if (base !== B26_BASE || signature !== B26_SIGNATURE) throw new Error('RFC 9421 B.2.6 not reproduced');
  if (digest('sha-512', B2_REQUEST.body) !== B2_REQUEST.headers[3][1]) throw new Error('RFC 9421 B.2 digest not reproduced');
  return {
    source: 'RFC 9421 (HTTP Message Signatures), Appendix B.1.4 (test-key-ed25519), B.2 (the test request) and B.2.6 (Signing a Request Using ed25519), copied verbatim with the RFC 8792 line wrapping undone. Ed25519 is deterministic, so signing signature_base with the key must give signature byte for byte.',
    private_key_pem: B14_PRIVATE_PEM,
    public_key_pem: B14_PUBLIC_PEM,
    private_key_hex: pkcs8.subarray(pkcs8.length - 32).toString('hex'),
    public_key_hex: spki.subarray(spki.length - 32).toString('hex'),
    request: wireRequest(B2_REQUEST),
    label: 'sig-b26',
    components,
    params: { created: 1618884473, keyid: 'test-key-ed25519' },
    signature_params: B26_PARAMS,
    signature_base: B26_BASE,
    signature_input: `sig-b26=${B26_PARAMS}`,
    signature: B26_SIGNATURE,
  };
}

/** Every file by name, as the committed text. */
export function renderHttpSignatureVectors() {
  const text = (value) => `${JSON.stringify(value, null, 2)}\n`;
  return {
    'sign.json': text(buildSignVectors()),
    'verify.json': text(buildVerifyVectors()),
    'rfc9421-b26.json': text(buildRfcVector()),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outIndex = process.argv.indexOf('--out');
  const outDir = outIndex > 0 ? process.argv[outIndex + 1] : DIR;
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of Object.entries(renderHttpSignatureVectors())) {
    const path = join(outDir, name);
    let before = '';
    try {
      before = readFileSync(path, 'utf8');
    } catch {
      // a new file
    }
    writeFileSync(path, text);
    console.log(`${path}: ${before === text ? 'unchanged' : 'written'}`);
  }
}
