#!/usr/bin/env node
// Generates vectors/fingerprint/key-fingerprint-v1.json (spec/key-fingerprint-v1.md) with
// node:crypto alone, never the SDK: the SSH wire encoding is written out here byte by byte, so
// the SDKs are checked against an encoding of their own and the file against `ssh-keygen -l`
// (packages/sdk/test/keys/key-fingerprint-ssh-keygen.test.ts). Run
// `node vectors/fingerprint/generate.mjs`; the TypeScript suite regenerates in memory and fails
// on any difference from the committed file.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { keyFromSeed } from '../node-ed25519-key.mjs';

export const OUTPUT = fileURLToPath(new URL('./key-fingerprint-v1.json', import.meta.url));
const RFC8032 = JSON.parse(readFileSync(new URL('../ed25519/rfc8032.json', import.meta.url), 'utf8'));

/** An SSH `string` (RFC 4251 §5): uint32 big-endian length, then the bytes. */
function sshString(bytes) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** The public key blob of RFC 8709 §4: string "ssh-ed25519" || string key. */
const sshBlob = (publicKeyHex) =>
  Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(Buffer.from(publicKeyHex, 'hex'))]);

const fingerprintOf = (publicKeyHex) =>
  `SHA256:${createHash('sha256').update(sshBlob(publicKeyHex)).digest('base64').replace(/=+$/, '')}`;

function keyCase(name, source, publicKeyHex) {
  const fingerprint = fingerprintOf(publicKeyHex);
  return {
    name,
    source,
    public_key_hex: publicKeyHex,
    public_key_base64: Buffer.from(publicKeyHex, 'hex').toString('base64'),
    // The line of an OpenSSH .pub file (the comment is the case name), for `ssh-keygen -l -f`.
    openssh_public_key: `ssh-ed25519 ${sshBlob(publicKeyHex).toString('base64')} ${name.replaceAll(' ', '-')}`,
    fingerprint,
    short_fingerprint: `${fingerprint.slice(0, 'SHA256:'.length + 16)}…`,
  };
}

/** Every case, in file order. */
export function buildFingerprintVectors() {
  const rfc = RFC8032.cases.map((c) =>
    keyCase(`RFC 8032 ${c.name}`, `RFC 8032 §7.1 ${c.name}, public key`, c.public_key),
  );
  const seeded = [
    ['seed 00..1f', Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('hex')],
    ['seed ff x32', 'ff'.repeat(32)],
  ].map(([name, seedHex]) =>
    keyCase(name, `the public key of the 32-byte seed ${seedHex} (node:crypto, RFC 8410 PKCS#8)`, keyFromSeed(seedHex).publicKeyHex),
  );
  return {
    source:
      'spec/key-fingerprint-v1.md: SHA256: followed by the unpadded standard base64 of SHA-256 over the SSH wire encoding of the key (RFC 4251 §5 string "ssh-ed25519", string of the 32 key bytes; RFC 8709 §4), the text OpenSSH\'s `ssh-keygen -l` prints. Keys from RFC 8032 §7.1 (vectors/ed25519/rfc8032.json) and two fixed seeds. Written by vectors/fingerprint/generate.mjs with node:crypto; each case is checked against ssh-keygen -l -f on openssh_public_key by the SDK suite.',
    cases: [...rfc, ...seeded],
    invalid: [
      { name: 'empty', description: 'no bytes', public_key_hex: '', code: 'INVALID_PUBLIC_KEY' },
      { name: '31 bytes', description: 'one byte short', public_key_hex: RFC8032.cases[0].public_key.slice(0, 62), code: 'INVALID_PUBLIC_KEY' },
      { name: '33 bytes', description: 'one byte too many', public_key_hex: `${RFC8032.cases[0].public_key}00`, code: 'INVALID_PUBLIC_KEY' },
    ],
  };
}

/** The file's text: two-space JSON and a final newline. */
export const renderFingerprintVectors = (vectors = buildFingerprintVectors()) =>
  `${JSON.stringify(vectors, null, 2)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(OUTPUT, renderFingerprintVectors());
  console.log(`wrote ${OUTPUT}`);
}
