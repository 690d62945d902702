#!/usr/bin/env node
// Generates the signed-statement vectors of spec/http-statements.md, one JSON file per case.
// An implementation independent of the server's: it builds the canonical text from the spec's
// rules and signs with node:crypto (Ed25519 signatures are deterministic, RFC 8032 §5.1.6), so
// the files are identical on every run. `--out DIR` writes elsewhere (the tests diff the two).
import { sign } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { keyFromSeed } from '../node-ed25519-key.mjs';

const outIndex = process.argv.indexOf('--out');
const outDir = outIndex > 0 ? process.argv[outIndex + 1] : dirname(fileURLToPath(import.meta.url));

/** spec/http-statements.md §3: header, then `name: value` lines in the action's order, LF-terminated. */
function canonical(f) {
  const lines = ['datafold-statement-v1', `action: ${f.action}`, `client_id: ${f.client_id}`, `public_key: ${f.public_key}`];
  if (f.action === 'rotate') lines.push(`new_public_key: ${f.new_public_key}`);
  if (f.action !== 'register') lines.push(`reason: ${f.reason}`);
  lines.push(`timestamp: ${f.timestamp}`, `nonce: ${f.nonce}`);
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

const alice = keyFromSeed('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const aliceNext = keyFromSeed('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb');

const cases = [
  {
    name: 'register-with-client-id',
    description: 'Proof of possession for a registration that names its client id.',
    signer: alice,
    fields: { action: 'register', client_id: 'alice-laptop', public_key: alice.publicKeyHex, timestamp: '2026-11-22T09:30:27.835Z', nonce: '000102030405060708090a0b0c0d0e0f' },
  },
  {
    name: 'register-server-assigned-client-id',
    description: 'Proof of possession when the server assigns the client id: the client_id value is empty.',
    signer: alice,
    fields: { action: 'register', client_id: '', public_key: alice.publicKeyHex, timestamp: '2026-11-22T09:30:27.835Z', nonce: 'f0e0d0c0b0a090807060504030201000f0e0d0c0b0a090807060504030201000' },
  },
  {
    name: 'revoke',
    description: 'Revocation signed by the active key.',
    signer: alice,
    fields: { action: 'revoke', client_id: 'alice-laptop', public_key: alice.publicKeyHex, reason: 'laptop lost', timestamp: '2026-11-22T10:00:00.000Z', nonce: '8f3c2a1b0d9e8f7a6b5c4d3e2f1a0b9c' },
  },
  {
    name: 'revoke-empty-reason',
    description: 'Revocation without a reason: the reason line is present with an empty value.',
    signer: alice,
    fields: { action: 'revoke', client_id: 'alice-laptop', public_key: alice.publicKeyHex, reason: '', timestamp: '2026-11-22T10:00:00.000Z', nonce: '11111111111111111111111111111111' },
  },
  {
    name: 'revoke-unicode-reason',
    description: 'A reason outside ASCII is signed as its UTF-8 bytes, unnormalised.',
    signer: alice,
    fields: { action: 'revoke', client_id: 'alice:prod.1', public_key: alice.publicKeyHex, reason: 'clé compromise — rotation 🔑', timestamp: '2026-11-22T10:00:00.000Z', nonce: '22222222222222222222222222222222' },
  },
  {
    name: 'rotate',
    description: 'Rotation signed by the active key; new_key_signature is the same statement signed by the new key.',
    signer: alice,
    newKey: aliceNext,
    fields: { action: 'rotate', client_id: 'alice-laptop', public_key: alice.publicKeyHex, new_public_key: aliceNext.publicKeyHex, reason: 'scheduled', timestamp: '2026-11-22T10:05:00.123Z', nonce: '33333333333333333333333333333333' },
  },
];

mkdirSync(outDir, { recursive: true });
for (const c of cases) {
  const bytes = canonical(c.fields);
  const vector = {
    description: c.description,
    spec: 'spec/http-statements.md',
    signer_seed: c.signer.seedHex,
    signer_public_key: c.signer.publicKeyHex,
    fields: c.fields,
    statement_utf8: bytes.toString('utf8'),
    statement_hex: bytes.toString('hex'),
    signature: sign(null, bytes, c.signer.privateKey).toString('hex'),
  };
  if (c.newKey) {
    vector.new_key_seed = c.newKey.seedHex;
    vector.new_key_signature = sign(null, bytes, c.newKey.privateKey).toString('hex');
  }
  writeFileSync(join(outDir, `${c.name}.json`), `${JSON.stringify(vector, null, 2)}\n`);
}

const invalid = {
  description: 'Field values a server MUST refuse with the given code before checking any signature.',
  spec: 'spec/http-statements.md',
  cases: [
    { field: 'timestamp', value: '2026-11-22T09:30:27Z', code: 'INVALID_STATEMENT', why: 'no milliseconds' },
    { field: 'timestamp', value: '2026-11-22T09:30:27.835+00:00', code: 'INVALID_STATEMENT', why: 'offset instead of Z' },
    { field: 'timestamp', value: '2026-02-30T00:00:00.000Z', code: 'INVALID_STATEMENT', why: 'not a real date' },
    { field: 'nonce', value: '0001020304050607', code: 'INVALID_STATEMENT', why: '8 bytes: fewer than 16' },
    { field: 'nonce', value: '000102030405060708090A0B0C0D0E0F', code: 'INVALID_STATEMENT', why: 'uppercase hex' },
    { field: 'reason', value: 'lost\nnonce: 00', code: 'INVALID_STATEMENT', why: 'a line feed would forge a line' },
    { field: 'reason', value: 'x'.repeat(257), code: 'INVALID_STATEMENT', why: 'longer than 256 characters' },
    { field: 'client_id', value: 'has space', code: 'INVALID_CLIENT_ID', why: 'outside A-Z a-z 0-9 . _ - :' },
  ],
};
writeFileSync(join(outDir, 'invalid-fields.json'), `${JSON.stringify(invalid, null, 2)}\n`);
