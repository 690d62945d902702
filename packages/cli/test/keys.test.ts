// Vitest's asymmetric matchers (expect.stringContaining, ...) are typed any.
/* eslint-disable @typescript-eslint/no-unsafe-assignment */
import { chmod, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { createFileKeyStorage } from '@datafold/js-sdk/node';
import { bytesToHex, generateKeyPair, verify } from '@datafold/js-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createHome,
  generateKey,
  initHome,
  inOwnHome,
  PASSPHRASE,
  type CliHome,
} from './helpers/cli.js';

const INTERACTIVE = { memory: 19456, iterations: 2, parallelism: 1 };

describe('key commands', () => {
  let cli: CliHome;
  // The one key several tests read (none changes it): each test makes any other key it needs.
  beforeAll(async () => {
    cli = await createHome();
    await initHome(cli);
    await generateKey(cli, 'app');
  });
  afterAll(() => cli.cleanup());

  it('refuses key commands before init with exit 4 and a JSON error', async () => {
    await inOwnHome(
      async (fresh) => {
        const r = await fresh.run(['crypto', 'list-keys', '--json']);
        expect(r.code).toBe(4);
        expect(r.json()).toEqual({
          error: {
            code: 'CRYPTO_NOT_INITIALIZED',
            message: expect.stringContaining('crypto init'),
          },
        });
      },
      { init: false },
    );
  });

  it('generate-key stores a key the Node SDK store reads, and prints only the public key', async () => {
    const r = await cli.run([
      'crypto',
      'generate-key',
      '--key-id',
      'labelled',
      '--name',
      'App key',
      '--tag',
      'prod',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = r.json<{ public_key: string; private_key_file: null }>();
    expect(out.public_key).toMatch(/^[0-9a-f]{64}$/);
    expect(r.stdout).not.toContain('private_key"');
    const storage = createFileKeyStorage({ directory: join(cli.home, '.datafold', 'keys') });
    const pair = await storage.retrieveKeyPair('labelled', PASSPHRASE);
    expect(bytesToHex(pair.publicKey)).toBe(out.public_key);
    expect((await storage.listKeys()).find((k) => k.keyId === 'labelled')?.metadata).toMatchObject({
      name: 'App key',
      tags: ['prod'],
    });
  });

  it('reads a key the Node SDK stored', async () => {
    const storage = createFileKeyStorage({
      directory: join(cli.home, '.datafold', 'keys'),
      kdfParams: INTERACTIVE,
    });
    const pair = await generateKeyPair();
    await storage.storeKeyPair('from-sdk', pair, PASSPHRASE);
    const r = await cli.run(['crypto', 'retrieve-key', '--key-id', 'from-sdk', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({
      private_key: bytesToHex(pair.privateKey),
      public_key: bytesToHex(pair.publicKey),
    });
  });

  it('refuses an existing id (KEY_ALREADY_EXISTS, exit 1) and a hostile id (exit 2) before any work', async () => {
    const again = await cli.run(['crypto', 'generate-key', '--key-id', 'app', '--json']);
    expect(again.code).toBe(1);
    expect(again.json()).toMatchObject({ error: { code: 'KEY_ALREADY_EXISTS' } });
    const hostile = await cli.run(['crypto', 'generate-key', '--key-id', '../../.ssh/x', '--json']);
    expect(hostile.code).toBe(2);
    expect(hostile.json()).toMatchObject({ error: { code: 'INVALID_KEY_ID' } });
  });

  it('export-public-key writes hex, base64, pem, jwk and raw', async () => {
    const hex = (await cli.run(['crypto', 'export-public-key', '--key-id', 'app'])).stdout.trim();
    const b64 = (
      await cli.run(['crypto', 'export-public-key', '--key-id', 'app', '--format', 'base64'])
    ).stdout.trim();
    expect(Buffer.from(b64, 'base64').toString('hex')).toBe(hex);
    const pem = (
      await cli.run(['crypto', 'export-public-key', '--key-id', 'app', '--format', 'pem'])
    ).stdout;
    expect(pem).toContain('-----BEGIN PUBLIC KEY-----');
    const jwk = JSON.parse(
      (await cli.run(['crypto', 'export-public-key', '--key-id', 'app', '--format', 'jwk'])).stdout,
    ) as { crv: string; x: string };
    expect(jwk.crv).toBe('Ed25519');
    const raw = await cli.run([
      'crypto',
      'export-public-key',
      '--key-id',
      'app',
      '--format',
      'raw',
      '--output',
      'app.pub',
    ]);
    expect(raw.code).toBe(0);
    expect((await readFile(join(cli.home, 'app.pub'))).toString('hex')).toBe(hex);
  });

  it('unknown key is exit 5; bad format is exit 2', async () => {
    expect((await cli.run(['crypto', 'show-key', '--key-id', 'nope', '--public-only'])).code).toBe(
      5,
    );
    expect(
      (await cli.run(['crypto', 'export-public-key', '--key-id', 'app', '--format', 'der'])).code,
    ).toBe(2);
    expect((await cli.run(['crypto', 'list-keys', '--bogus'])).code).toBe(2);
    expect((await cli.run(['crypto', 'no-such-command'])).code).toBe(2);
  });

  it('a wrong passphrase is DECRYPTION_FAILED and changes nothing', async () => {
    const dir = join(cli.home, '.datafold', 'keys');
    const before = (await readdir(dir)).sort();
    for (const args of [
      ['crypto', 'retrieve-key', '--key-id', 'app'],
      ['crypto', 'rotate-key', '--key-id', 'app'],
      ['crypto', 'cleanup-old-versions', '--key-id', 'app', '--keep', '1'],
      ['crypto', 'sign', '--key-id', 'app', '--message', 'x'],
    ]) {
      const r = await cli.run([...args, '--json'], {
        env: { DATAFOLD_PASSPHRASE: 'not the passphrase at all' },
      });
      expect(r.code).toBe(1);
      expect(r.json()).toMatchObject({ error: { code: 'DECRYPTION_FAILED' } });
      expect(r.stdout + r.stderr).not.toContain('not the passphrase');
    }
    expect((await readdir(dir)).sort()).toEqual(before);
  });

  it('sign and verify-local: exit 0 for a good signature, 8 for a bad one', async () => {
    const signed = await cli.run([
      'crypto',
      'sign',
      '--key-id',
      'app',
      '--message',
      'Hello DataFold',
      '--json',
    ]);
    const { signature, public_key: publicKey } = signed.json<{
      signature: string;
      public_key: string;
    }>();
    expect(
      await verify(Buffer.from(signature, 'hex'), 'Hello DataFold', Buffer.from(publicKey, 'hex')),
    ).toBe(true);
    const ok = await cli.run([
      'crypto',
      'verify-local',
      '--public-key',
      publicKey,
      '--message',
      'Hello DataFold',
      '--signature',
      signature,
    ]);
    expect(ok.code).toBe(0);
    const bad = await cli.run([
      'crypto',
      'verify-local',
      '--public-key',
      publicKey,
      '--message',
      'Hello DataFolD',
      '--signature',
      signature,
      '--json',
    ]);
    expect(bad.code).toBe(8);
    expect(bad.json()).toMatchObject({ error: { code: 'SIGNATURE_VERIFICATION_FAILED' } });
    const hexMessage = await cli.run([
      'crypto',
      'sign',
      '--key-id',
      'app',
      '--message',
      Buffer.from('Hello DataFold').toString('hex'),
      '--encoding',
      'hex',
    ]);
    expect(hexMessage.stdout.trim()).toBe(signature);
    const fromStdin = await cli.run(['crypto', 'sign', '--key-id', 'app', '--message-stdin'], {
      input: 'Hello DataFold',
    });
    expect(fromStdin.stdout.trim()).toBe(signature);
    const garbage = await cli.run([
      'crypto',
      'verify-local',
      '--public-key',
      publicKey,
      '--message',
      'x',
      '--signature',
      'abcd',
    ]);
    expect(garbage.code).toBe(2);
    const notAKey = await cli.run([
      'crypto',
      'verify-local',
      '--public-key',
      'zz',
      '--message',
      'x',
      '--signature',
      signature,
      '--json',
    ]);
    expect(notAKey.code).toBe(2);
    expect(notAKey.json()).toEqual({
      error: {
        code: 'INVALID_PUBLIC_KEY',
        message: expect.stringContaining('not a file, 64 hex digits, base64 of 32 bytes, PEM'),
      },
    });
  });

  it('store-key takes PEM from stdin and refuses a public key', async () => {
    const pair = await generateKeyPair();
    const { formatKey } = await import('@datafold/js-sdk');
    const pem = formatKey(pair, 'pem');
    const r = await cli.run(
      ['crypto', 'store-key', '--key-id', 'imported', '--private-key', '-', '--json'],
      { input: pem },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ public_key: bytesToHex(pair.publicKey) });
    const pub = formatKey(pair.publicKey, 'pem', { keyType: 'public' });
    const refused = await cli.run(
      ['crypto', 'store-key', '--key-id', 'imported2', '--private-key', '-'],
      { input: pub },
    );
    expect(refused.code).toBe(2);
    const argv = await cli.run([
      'crypto',
      'store-key',
      '--key-id',
      'argv-key',
      '--private-key',
      bytesToHex(pair.privateKey),
      '--force',
    ]);
    expect(argv.code).toBe(0);
    expect(argv.stderr).toContain('warning');
  });

  it('delete-key needs --confirm without a terminal', async () => {
    await generateKey(cli, 'to-delete');
    const refused = await cli.run(['crypto', 'delete-key', '--key-id', 'to-delete']);
    expect(refused.code).toBe(2);
    const r = await cli.run([
      'crypto',
      'delete-key',
      '--key-id',
      'to-delete',
      '--confirm',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ deleted: true, versions: [1] });
    expect(
      (await cli.run(['crypto', 'show-key', '--key-id', 'to-delete', '--public-only'])).code,
    ).toBe(5);
  });

  it('names a corrupted or foreign key file and keeps every other key working', async () => {
    // Its own home: the damaged key directory is not the other tests' business.
    await inOwnHome(async (own) => {
      await generateKey(own, 'app');
      const dir = join(own.home, '.datafold', 'keys');
      await writeFile(join(dir, 'broken.v1.key'), 'this is not a key file', { mode: 0o600 });
      await writeFile(join(dir, 'notes.txt'), 'a foreign file', { mode: 0o600 });
      const list = await own.run(['crypto', 'list-keys', '--json']);
      expect(list.code).toBe(0);
      const doc = list.json<{ keys: { key_id: string }[]; problems: { message: string }[] }>();
      expect(doc.keys.map((k) => k.key_id)).toContain('app');
      expect(doc.problems[0]!.message).toContain('broken.v1.key');
      expect(list.stderr).toContain('broken.v1.key');
      const use = await own.run(['crypto', 'show-key', '--key-id', 'broken', '--json']);
      expect(use.code).toBe(1);
      expect(use.json()).toMatchObject({
        error: { code: 'STORAGE_CORRUPTED', message: expect.stringContaining('broken.v1.key') },
      });
      expect(
        (await own.run(['crypto', 'sign', '--key-id', 'app', '--message', 'still works'])).code,
      ).toBe(0);
      await chmod(join(dir, 'broken.v1.key'), 0o644);
      const exposed = await own.run([
        'crypto',
        'show-key',
        '--key-id',
        'broken',
        '--public-only',
        '--json',
      ]);
      expect(exposed.code).toBe(7);
    });
  });
});
