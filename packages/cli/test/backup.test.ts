// Vitest's asymmetric matchers (expect.stringContaining, ...) are typed any.
/* eslint-disable @typescript-eslint/no-unsafe-assignment */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

import { bytesToHex, createBackup, generateKeyPair, restoreBackup } from '@datafold/js-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createHome, initHome, PASSPHRASE, type CliHome } from './helpers/cli.js';

const BACKUP_PASSPHRASE = 'a different backup passphrase';

describe('backups', () => {
  let cli: CliHome;
  let publicKey: string;
  beforeAll(async () => {
    cli = await createHome();
    await initHome(cli);
    publicKey = (await cli.run(['crypto', 'generate-key', '--key-id', 'my-key'])).stdout.trim();
  });
  afterAll(() => cli.cleanup());

  it('a CLI backup imports with the SDK (spec/backup-v1.md), with the configured Argon2id cost', async () => {
    const r = await cli.run(
      [
        'crypto',
        'export-key',
        '--key-id',
        'my-key',
        '--output',
        'backup.json',
        '--format',
        'json',
        '--json',
      ],
      {
        env: { DATAFOLD_BACKUP_PASSPHRASE: BACKUP_PASSPHRASE },
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const text = await readFile(join(cli.home, 'backup.json'), 'utf8');
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(doc).toMatchObject({
      version: 1,
      key_id: 'my-key',
      kdf: 'argon2id',
      kdf_params: { memory: 19456, iterations: 2, parallelism: 1 },
      encryption: 'xchacha20-poly1305',
    });
    const { keyPair } = await restoreBackup(text, BACKUP_PASSPHRASE);
    expect(bytesToHex(keyPair.publicKey)).toBe(publicKey);
    const again = await cli.run([
      'crypto',
      'export-key',
      '--key-id',
      'my-key',
      '--output',
      'backup.json',
    ]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
  });

  it('an SDK backup (scrypt + chacha20-poly1305, as existing clients write) imports with the CLI', async () => {
    const pair = await generateKeyPair();
    const text = await createBackup(pair, BACKUP_PASSPHRASE, {
      keyId: 'from-sdk',
      kdf: 'scrypt',
      encryption: 'chacha20-poly1305',
    });
    await writeFile(join(cli.home, 'sdk-backup.json'), text);
    const r = await cli.run(['crypto', 'import-key', '--input', 'sdk-backup.json', '--json'], {
      env: { DATAFOLD_BACKUP_PASSPHRASE: BACKUP_PASSPHRASE },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({
      key_id: 'from-sdk',
      version: 1,
      public_key: bytesToHex(pair.publicKey),
    });
    const priv = await cli.run(['crypto', 'retrieve-key', '--key-id', 'from-sdk']);
    expect(priv.stdout.trim()).toBe(bytesToHex(pair.privateKey));
  });

  /** export-key of my-key to `file`, under the backup passphrase. */
  const exportBackup = async (file: string) => {
    const r = await cli.run(['crypto', 'export-key', '--key-id', 'my-key', '--output', file], {
      env: { DATAFOLD_BACKUP_PASSPHRASE: BACKUP_PASSPHRASE },
    });
    expect(r.code, r.stderr).toBe(0);
  };

  it('import-key: a wrong passphrase changes nothing; an existing id needs --force; binary backups work', async () => {
    await exportBackup('to-import.json');
    const wrong = await cli.run([
      'crypto',
      'import-key',
      '--input',
      'to-import.json',
      '--key-id',
      'restored-key',
      '--json',
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.json()).toMatchObject({ error: { code: 'DECRYPTION_FAILED' } });
    expect(
      (await cli.run(['crypto', 'show-key', '--key-id', 'restored-key', '--public-only'])).code,
    ).toBe(5);
    const env = { env: { DATAFOLD_BACKUP_PASSPHRASE: BACKUP_PASSPHRASE } };
    const ok = await cli.run(
      ['crypto', 'import-key', '--input', 'to-import.json', '--key-id', 'restored-key', '--json'],
      env,
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json()).toMatchObject({ public_key: publicKey });
    const exists = await cli.run(
      ['crypto', 'import-key', '--input', 'to-import.json', '--key-id', 'restored-key', '--json'],
      env,
    );
    expect(exists.code).toBe(1);
    expect(exists.json()).toMatchObject({ error: { code: 'KEY_ALREADY_EXISTS' } });
    const forced = await cli.run(
      [
        'crypto',
        'import-key',
        '--input',
        'to-import.json',
        '--key-id',
        'restored-key',
        '--force',
        '--force-version',
        '1',
        '--json',
      ],
      env,
    );
    expect(forced.json()).toMatchObject({ version: 2 });
    const bin = await cli.run(
      [
        'crypto',
        'export-key',
        '--key-id',
        'my-key',
        '--output',
        'backup.bin',
        '--format',
        'binary',
        '--kdf',
        'pbkdf2',
        '--encryption',
        'aes-gcm',
      ],
      env,
    );
    expect(bin.code, bin.stderr).toBe(0);
    const restored = await restoreBackup(
      new Uint8Array(await readFile(join(cli.home, 'backup.bin'))),
      BACKUP_PASSPHRASE,
    );
    expect(bytesToHex(restored.keyPair.publicKey)).toBe(publicKey);
  });

  it('verify-backup checks structure, and the passphrase with --decrypt; list-backups finds them', async () => {
    await mkdir(join(cli.home, 'listed'));
    await exportBackup('listed/backup.json');
    const sdkBackup = await createBackup(await generateKeyPair(), BACKUP_PASSPHRASE, {
      keyId: 'from-sdk',
    });
    await writeFile(join(cli.home, 'listed', 'sdk-backup.json'), sdkBackup);
    const ok = await cli.run([
      'crypto',
      'verify-backup',
      '--input',
      'listed/backup.json',
      '--json',
    ]);
    expect(ok.json()).toMatchObject({
      valid: true,
      decrypted: false,
      key_id: 'my-key',
      public_key: publicKey,
    });
    const dec = await cli.run(
      [
        'crypto',
        'verify-backup',
        '--input',
        'listed/backup.json',
        '--decrypt',
        '--backup-passphrase-file',
        'verify-bp.txt',
        '--json',
      ],
      {},
    );
    expect(dec.code).toBe(5); // verify-bp.txt does not exist yet: FILE_NOT_FOUND
    await writeFile(join(cli.home, 'verify-bp.txt'), `${BACKUP_PASSPHRASE}\n`);
    const dec2 = await cli.run([
      'crypto',
      'verify-backup',
      '--input',
      'listed/backup.json',
      '--decrypt',
      '--backup-passphrase-file',
      'verify-bp.txt',
      '--json',
    ]);
    expect(dec2.json()).toMatchObject({ valid: true, decrypted: true });
    const doc = JSON.parse(
      await readFile(join(cli.home, 'listed', 'backup.json'), 'utf8'),
    ) as Record<string, unknown>;
    await writeFile(
      join(cli.home, 'listed', 'broken.json'),
      JSON.stringify({ ...doc, salt: undefined }),
    );
    const broken = await cli.run([
      'crypto',
      'verify-backup',
      '--input',
      'listed/broken.json',
      '--json',
    ]);
    expect(broken.code).toBe(1);
    expect(broken.json()).toMatchObject({
      error: { code: 'INVALID_BACKUP_JSON', message: expect.stringContaining('salt') },
    });
    const list = await cli.run([
      'crypto',
      'list-backups',
      '--directory',
      join(cli.home, 'listed'),
      '--json',
    ]);
    const files = list.json<{ backups: { file: string }[] }>().backups.map((b) => b.file);
    expect(files.map((f) => basename(f)).sort()).toEqual(['backup.json', 'sdk-backup.json']);
    expect((await cli.run(['crypto', 'verify-backup', '--input', 'missing.json'])).code).toBe(5);
  });

  it('the key passphrase never appears in output', async () => {
    const r = await cli.run([
      'crypto',
      'export-key',
      '--key-id',
      'my-key',
      '--output',
      'b2.json',
      '--verbose',
    ]);
    expect(r.stdout + r.stderr).not.toContain(PASSPHRASE);
  });
});
