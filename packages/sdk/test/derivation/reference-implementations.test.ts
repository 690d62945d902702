// The vector files and the SDK against independent implementations running here: OpenSSL through
// node:crypto for HKDF, PBKDF2 and scrypt, and the Argon2 C reference CLI (Debian's `argon2`).
import { execFileSync, spawnSync } from 'node:child_process';
import { hkdfSync, pbkdf2Sync, scryptSync } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hkdf } from '../../src/derivation/hkdf.js';
import { pbkdf2 } from '../../src/derivation/pbkdf2.js';
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js';
import { readKdfVectorFile } from './load-kdf-vectors.js';

type Case = Record<string, string | number>;
const casesOf = (name: string) => (readKdfVectorFile(name) as { cases: Case[] }).cases;
const hex = (value: string | number | undefined) => hexToBytes(String(value));

describe('vector files agree with OpenSSL (node:crypto)', () => {
  it.each(casesOf('hkdf-sha256.json'))('HKDF $name', (c) => {
    const okm = hkdfSync('sha256', hex(c.ikm), hex(c.salt), hex(c.info), Number(c.length));
    expect(bytesToHex(new Uint8Array(okm))).toBe(c.okm);
  });
  it.each(casesOf('pbkdf2-sha256.json'))('PBKDF2 $name', (c) => {
    const dk = pbkdf2Sync(
      hex(c.password),
      hex(c.salt),
      Number(c.iterations),
      Number(c.length),
      'sha256',
    );
    expect(bytesToHex(dk)).toBe(c.expected);
  });
  it.each(casesOf('scrypt.json'))('scrypt $name', (c) => {
    const [n, r, p] = [Number(c.n), Number(c.r), Number(c.p)];
    const dk = scryptSync(hex(c.password), hex(c.salt), Number(c.length), {
      N: n,
      r,
      p,
      maxmem: 256 * n * r * p,
    });
    expect(bytesToHex(dk)).toBe(c.expected);
  });
});

describe('Argon2id vectors agree with the C reference CLI', () => {
  const argon2 = spawnSync('argon2', ['-h'], { encoding: 'utf8' });
  it('the argon2 CLI is installed (scripts/ensure-system-deps.sh installs it)', () => {
    expect(argon2.error, 'install Debian package argon2: apt-get install argon2').toBeUndefined();
  });
  const cliCases = casesOf('argon2id.json').filter((c) => c.secret === undefined);
  it.each(cliCases)('$name', (c) => {
    // -r prints the raw hash only; the password is read from stdin, the salt is an argument.
    const out = execFileSync(
      'argon2',
      [
        String(c.salt_text),
        '-id',
        '-t',
        String(c.iterations),
        '-k',
        String(c.memory),
        '-p',
        String(c.parallelism),
        '-l',
        String(c.length),
        '-r',
      ],
      { input: String(c.password_text), encoding: 'utf8' },
    );
    expect(out.trim()).toBe(c.expected);
  });
});

describe('the SDK primitives agree with OpenSSL on random inputs', () => {
  const bytes = (max: number) => fc.uint8Array({ minLength: 0, maxLength: max });
  it('HKDF on both paths (small inputs via @noble/hashes, large via WebCrypto)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('SHA-256', 'SHA-384', 'SHA-512'),
        // Past 4 KiB of input the SDK switches to WebCrypto: both sizes are drawn.
        fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 64 }),
          fc.uint8Array({ minLength: 4100, maxLength: 6000 }),
        ),
        bytes(64),
        bytes(1024),
        fc.integer({ min: 1, max: 255 }),
        async (hash, ikm, salt, info, length) => {
          const ours = await hkdf(hash, ikm, salt, info, length);
          const theirs = hkdfSync(hash.replace('-', '').toLowerCase(), ikm, salt, info, length);
          expect(bytesToHex(ours)).toBe(bytesToHex(new Uint8Array(theirs)));
        },
      ),
      { numRuns: 60 },
    );
  });
  it('PBKDF2 with each hash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('SHA-256', 'SHA-384', 'SHA-512'),
        fc.uint8Array({ minLength: 1, maxLength: 40 }),
        bytes(40),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 100 }),
        async (hash, password, salt, iterations, length) => {
          const ours = await pbkdf2(password, salt, iterations, length, hash);
          const theirs = pbkdf2Sync(
            password,
            salt,
            iterations,
            length,
            hash.replace('-', '').toLowerCase(),
          );
          expect(bytesToHex(ours)).toBe(bytesToHex(theirs));
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('derivation-contexts.json', () => {
  it('is what its generator (node:crypto only) produces', () => {
    const script = fileURLToPath(
      new URL('../../../../vectors/kdf/generate-derivation-contexts.mjs', import.meta.url),
    );
    const run = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
