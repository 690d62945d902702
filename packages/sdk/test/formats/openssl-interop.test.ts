import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatKey, parseKey, parseKeyDetailed } from '../../src/formats/index.js';
import { generateKeyPair } from '../../src/keys/index.js';
import { sign, verify } from '../../src/signatures/index.js';

// The real `openssl` binary, both directions: it reads what we write and we read what it writes.
const dir = mkdtempSync(join(tmpdir(), 'datafold-openssl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function openssl(args: string[], input?: string | Uint8Array): Buffer {
  const result = spawnSync('openssl', args, { cwd: dir, input });
  if (result.status !== 0)
    throw new Error(`openssl ${args.join(' ')} failed: ${result.stderr.toString()}`);
  return result.stdout;
}

describe('openssl interop', () => {
  it('openssl reads our private PEM and derives the same public PEM we write', async () => {
    const pair = await generateKeyPair();
    writeFileSync(join(dir, 'ours.pem'), formatKey(pair, 'pem'));
    const publicPem = openssl(['pkey', '-in', 'ours.pem', '-pubout']).toString();
    expect(publicPem).toBe(formatKey(pair.publicKey, 'pem', { keyType: 'public' }));
    expect(openssl(['pkey', '-in', 'ours.pem']).toString()).toBe(formatKey(pair, 'pem'));
    const der = openssl(['pkey', '-in', 'ours.pem', '-outform', 'DER']);
    expect(new Uint8Array(der.subarray(16))).toEqual(pair.privateKey);
  });

  it('openssl reads our public PEM', async () => {
    const pair = await generateKeyPair();
    const ours = formatKey(pair.publicKey, 'pem', { keyType: 'public' });
    writeFileSync(join(dir, 'ours-pub.pem'), ours);
    const der = openssl(['pkey', '-pubin', '-in', 'ours-pub.pem', '-outform', 'DER']);
    expect(new Uint8Array(der.subarray(12))).toEqual(pair.publicKey);
  });

  it('we read keys openssl generates', () => {
    const privatePem = openssl(['genpkey', '-algorithm', 'ed25519']).toString();
    const publicPem = openssl(['pkey', '-pubout'], privatePem).toString();
    const der = openssl(['pkey', '-outform', 'DER'], privatePem);
    const parsed = parseKeyDetailed(privatePem, 'pem');
    expect(parsed.keyType).toBe('private');
    expect(parsed.key).toEqual(new Uint8Array(der.subarray(16)));
    expect(parseKey(publicPem, 'pem', { keyType: 'public' })).toEqual(parsed.publicKey);
    expect(formatKey(parsed.key, 'pem', { keyType: 'private' })).toBe(privatePem);
  });

  it('openssl verifies our signatures and we verify its', async () => {
    const pair = await generateKeyPair();
    writeFileSync(join(dir, 'k.pem'), formatKey(pair, 'pem'));
    writeFileSync(join(dir, 'k.pub'), formatKey(pair.publicKey, 'pem', { keyType: 'public' }));
    writeFileSync(join(dir, 'msg'), 'signed by both');
    writeFileSync(join(dir, 'ours.sig'), await sign('signed by both', pair.privateKey));
    const ok = openssl([
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      'k.pub',
      '-rawin',
      '-in',
      'msg',
      '-sigfile',
      'ours.sig',
    ]);
    expect(ok.toString()).toContain('Signature Verified Successfully');
    openssl(['pkeyutl', '-sign', '-inkey', 'k.pem', '-rawin', '-in', 'msg', '-out', 'theirs.sig']);
    const theirs = new Uint8Array(readFileSync(join(dir, 'theirs.sig')));
    expect(await verify(theirs, 'signed by both', pair.publicKey)).toBe(true);
  });

  it('names the type of a foreign key openssl generates', () => {
    const rsa = openssl([
      'genpkey',
      '-algorithm',
      'RSA',
      '-pkeyopt',
      'rsa_keygen_bits:1024',
    ]).toString();
    expect(() => parseKey(rsa, 'pem')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_KEY_TYPE' }),
    );
    expect(() => parseKey(rsa, 'pem')).toThrow(/RSA/);
    const x25519 = openssl(
      ['pkey', '-pubout'],
      openssl(['genpkey', '-algorithm', 'X25519']),
    ).toString();
    expect(() => parseKey(x25519, 'pem')).toThrow(/X25519/);
  });
});
