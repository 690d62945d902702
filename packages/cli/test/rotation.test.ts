// Vitest's asymmetric matchers (expect.stringContaining, ...) are typed any.
/* eslint-disable @typescript-eslint/no-unsafe-assignment */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { createFileKeyStorage } from '@datafold/js-sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createHome, generateKey, initHome, PASSPHRASE, type CliHome } from './helpers/cli.js';

describe('rotation and versions', () => {
  let cli: CliHome;
  // Each test rotates a key of its own.
  beforeAll(async () => {
    cli = await createHome();
    await initHome(cli);
  });
  afterAll(() => cli.cleanup());

  it('rotates by every method; --keep-old keeps versions; history says how', async () => {
    await generateKey(cli, 'rot');
    for (const method of ['derive', 'rederive', 'regenerate']) {
      const r = await cli.run([
        'crypto',
        'rotate-key',
        '--key-id',
        'rot',
        '--method',
        method,
        '--keep-old',
        '--reason',
        `r-${method}`,
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.json()).toMatchObject({ method, removed_versions: [] });
    }
    const list = await cli.run(['crypto', 'list-key-versions', '--key-id', 'rot', '--json']);
    const versions = list.json<{
      versions: {
        version: number;
        current: boolean;
        method: string | null;
        reason: string | null;
      }[];
    }>().versions;
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);
    expect(versions.find((v) => v.current)?.version).toBe(4);
    expect(versions.slice(1).map((v) => v.method)).toEqual(['derive', 'rederive', 'regenerate']);
    const v1 = await cli.run([
      'crypto',
      'get-key-version',
      '--key-id',
      'rot',
      '--version',
      '1',
      '--json',
    ]);
    expect(v1.json()).toMatchObject({
      version: 1,
      current: false,
      private_key: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(
      (await cli.run(['crypto', 'get-key-version', '--key-id', 'rot', '--version', '9'])).code,
    ).toBe(5);
    expect(
      (await cli.run(['crypto', 'rotate-key', '--key-id', 'rot', '--method', 'sideways'])).code,
    ).toBe(2);
  });

  it('cleanup-old-versions keeps the newest N and never the current one', async () => {
    await generateKey(cli, 'cleaned');
    for (let i = 0; i < 3; i++) {
      const rotated = await cli.run(['crypto', 'rotate-key', '--key-id', 'cleaned', '--keep-old']);
      expect(rotated.code, rotated.stderr).toBe(0);
    }
    const r = await cli.run([
      'crypto',
      'cleanup-old-versions',
      '--key-id',
      'cleaned',
      '--keep',
      '2',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ removed: 2, remaining_versions: [3, 4] });
    expect(
      (await cli.run(['crypto', 'cleanup-old-versions', '--key-id', 'cleaned', '--keep', '0']))
        .code,
    ).toBe(2);
  });

  it('two processes rotating the same key at once lose no version', async () => {
    await generateKey(cli, 'raced');
    const before = (
      await cli.run(['crypto', 'list-key-versions', '--key-id', 'raced', '--json'])
    ).json<{ versions: { version: number }[] }>().versions;
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        cli.run(['crypto', 'rotate-key', '--key-id', 'raced', '--keep-old', '--json']),
      ),
    );
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const newVersions = results.map((r) => r.json<{ new_version: number }>().new_version).sort();
    expect(new Set(newVersions).size).toBe(3);
    const after = (
      await cli.run(['crypto', 'list-key-versions', '--key-id', 'raced', '--json'])
    ).json<{ versions: { version: number }[] }>().versions;
    expect(after.length).toBe(before.length + 3);
    for (const v of newVersions) expect(after.map((x) => x.version)).toContain(v);
  });

  it('a CLI killed at any point during rotations leaves every key readable', async () => {
    await generateKey(cli, 'killed');
    const storage = createFileKeyStorage({ directory: join(cli.home, '.datafold', 'keys') });
    for (const delay of [5, 40, 80, 120, 160, 220, 300]) {
      const child = cli.spawn(['crypto', 'rotate-key', '--key-id', 'killed', '--keep-old']);
      // Listen before waiting: a fast rotation may finish (and close) before the kill.
      const closed = new Promise((r) => child.once('close', r));
      child.stdin!.end();
      await new Promise((r) => setTimeout(r, delay));
      child.kill(delay % 2 === 0 ? 'SIGKILL' : 'SIGINT');
      await closed;
      const pair = await storage.retrieveKeyPair('killed', PASSPHRASE);
      expect(pair.privateKey.length).toBe(32);
      for (const v of await storage.listVersions('killed')) {
        expect(
          (await storage.retrieveKeyVersion('killed', v.version, PASSPHRASE)).publicKey,
        ).toEqual(v.publicKey);
      }
    }
    // A later rotation still works (a stale lock of a killed process is taken over) and adds
    // its version beside every one the killed runs left.
    const versionFiles = async () =>
      (await readdir(join(cli.home, '.datafold', 'keys'))).filter((n) => n.startsWith('killed.v'));
    const before = await versionFiles();
    const r = await cli.run(['crypto', 'rotate-key', '--key-id', 'killed', '--keep-old', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const after = await versionFiles();
    expect(after.length).toBe(before.length + 1);
    expect(after).toContain(`killed.v${r.json<{ new_version: number }>().new_version}.key`);
  });
});
