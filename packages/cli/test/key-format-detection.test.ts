import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
  bytesToBase64,
  bytesToHex,
  formatKey,
  hexToBytes,
  keyPairFromSeed,
  sign,
} from '@datafold/js-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createHome, initHome, type CliHome } from './helpers/cli.js';

// store-key and verify-local take a key without --format by the SDK's one rule, detectKeyFormat
// (vectors/key-formats/detection.json): 32 bytes from a file or stdin are raw, text is PEM, JWK,
// hex or base64 by its shape. Before, the two commands guessed differently.

// RFC 8032 §7.1 TEST 1, and a seed that begins with "{" (0x7b), as 1 in 256 random seeds do.
const SEED = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const BRACE_SEED = Uint8Array.of(0x7b, ...SEED.subarray(1));

describe('key formats told apart by shape', () => {
  let cli: CliHome;
  beforeAll(async () => {
    cli = await createHome();
    await initHome(cli);
  });
  afterAll(() => cli?.cleanup());

  /** store-key of `args` (one of the key sources) under a fresh id: its code and public key. */
  const store = async (keyId: string, args: string[], input?: string | Buffer) => {
    const r = await cli.run(['crypto', 'store-key', '--key-id', keyId, ...args, '--json'], {
      ...(input === undefined ? {} : { input }),
    });
    return { code: r.code, doc: r.json<{ public_key?: string; error?: { code: string } }>() };
  };

  it('store-key reads a raw seed from a file whatever its first byte, "{" included', async () => {
    for (const [name, seed] of [
      ['seed.bin', SEED],
      ['brace-seed.bin', BRACE_SEED],
    ] as const) {
      await writeFile(join(cli.home, name), seed);
      const r = await store(`raw-${name.replace('.', '-')}`, ['--private-key-file', name]);
      expect(r.code, name).toBe(0);
      expect(r.doc.public_key, name).toBe(bytesToHex((await keyPairFromSeed(seed)).publicKey));
    }
  });

  it('store-key reads hex, base64, PEM and JWK text by its shape, from argv, a file or stdin', async () => {
    const pair = await keyPairFromSeed(SEED);
    const expected = bytesToHex(pair.publicKey);
    const hexWithNewline = `${bytesToHex(SEED)}\n`;
    await writeFile(join(cli.home, 'seed.hex'), hexWithNewline);
    const cases: Array<[string, string[], string?]> = [
      ['hex-argv', ['--private-key', bytesToHex(SEED)]],
      ['base64-argv', ['--private-key', bytesToBase64(SEED)]],
      ['hex-file', ['--private-key-file', 'seed.hex']],
      ['pem-stdin', ['--private-key', '-'], formatKey(pair, 'pem')],
      ['jwk-stdin', ['--private-key', '-'], formatKey(pair, 'jwk')],
    ];
    for (const [keyId, args, input] of cases) {
      const r = await store(keyId, args, input);
      expect(r.code, keyId).toBe(0);
      expect(r.doc.public_key, keyId).toBe(expected);
    }
  });

  it('store-key takes 32 characters of text as raw only when told --format raw', async () => {
    const text = 'abcdefghijklmnopqrstuvwxyz012345';
    const guessed = await store('text-32', ['--private-key', text]);
    expect(guessed.code).toBe(2);
    expect(guessed.doc.error?.code).toBe('INVALID_KEY_FORMAT');
    const told = await store('text-32-raw', ['--private-key', text, '--format', 'raw']);
    expect(told.code).toBe(0);
    const seed = new TextEncoder().encode(text);
    expect(told.doc.public_key).toBe(bytesToHex((await keyPairFromSeed(seed)).publicKey));
  });

  it('verify-local takes the public key in every shape, as a file or as the argument', async () => {
    const pair = await keyPairFromSeed(SEED);
    const signature = bytesToHex(await sign('Hello DataFold', pair.privateKey));
    await writeFile(join(cli.home, 'public.bin'), pair.publicKey);
    await writeFile(join(cli.home, 'public.pem'), formatKey(pair, 'pem', { keyType: 'public' }));
    for (const key of [
      'public.bin',
      'public.pem',
      bytesToHex(pair.publicKey),
      bytesToBase64(pair.publicKey),
      formatKey(pair, 'jwk', { keyType: 'public' }),
    ]) {
      const r = await cli.run([
        'crypto',
        'verify-local',
        '--public-key',
        key,
        '--message',
        'Hello DataFold',
        '--signature',
        signature,
      ]);
      expect(r.code, `${key}: ${r.stderr}`).toBe(0);
    }
    const shapeless = await cli.run([
      'crypto',
      'verify-local',
      '--public-key',
      'abcdefghijklmnopqrstuvwxyz012345',
      '--message',
      'Hello DataFold',
      '--signature',
      signature,
      '--json',
    ]);
    expect(shapeless.code).toBe(2);
    expect(shapeless.json()).toMatchObject({ error: { code: 'INVALID_PUBLIC_KEY' } });
  });
});
