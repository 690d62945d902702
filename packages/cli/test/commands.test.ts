// Vitest's asymmetric matchers (expect.stringContaining, ...) are typed any.
/* eslint-disable @typescript-eslint/no-unsafe-assignment */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { bytesToHex, deriveEd25519KeyPair, hexToBytes } from '@datafold/js-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { COMMAND_NAMES } from '../src/cli/command-table.js';
import { CLI_VERSION } from '../src/cli/version.js';
import { createHome, initHome, inOwnHome, PASSPHRASE, type CliHome } from './helpers/cli.js';

describe('help, version, config and the other commands', () => {
  let cli: CliHome;
  beforeAll(async () => {
    cli = await createHome();
    await initHome(cli);
  });
  afterAll(() => cli.cleanup());

  it('--version matches package.json; --help lists every command', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(CLI_VERSION).toBe(pkg.version);
    expect((await cli.run(['--version'])).stdout.trim()).toBe(`datafold_cli ${pkg.version}`);
    const help = await cli.run(['--help']);
    expect(help.code).toBe(0);
    for (const name of COMMAND_NAMES) expect(help.stdout).toContain(name);
  });

  it('every command has --help with an example, as one JSON document with --json', async () => {
    for (const name of COMMAND_NAMES) {
      const r = await cli.run(['crypto', name, '--help']);
      expect(r.code, name).toBe(0);
      expect(r.stdout, name).toContain('Examples:');
      expect(r.stdout, name).toContain('datafold_cli');
    }
    const j = await cli.run(['crypto', 'sign', '--help', '--json']);
    expect(j.json<{ help: string }>().help).toContain('Usage:');
  });

  it('config: init writes it, show/set/validate read and change it; bad values are exit 3', async () => {
    // Its own home: it breaks the configuration on purpose.
    await inOwnHome(async (own) => {
      const again = await own.run(['crypto', 'init']);
      expect(again.code).toBe(2);
      const show = await own.run(['config', 'show', '--section', 'crypto', '--json']);
      expect(show.json()).toMatchObject({
        config: {
          security_level: 'interactive',
          key_derivation: { memory_cost: 19456, time_cost: 2 },
        },
      });
      expect(
        (await own.run(['crypto', 'config', 'set', 'server.default_url', 'http://localhost:9001']))
          .code,
      ).toBe(0);
      const bad = await own.run(['crypto', 'config', 'set', 'security_level', 'extreme', '--json']);
      expect(bad.code).toBe(3);
      expect(bad.json()).toMatchObject({ error: { code: 'INVALID_CONFIG' } });
      expect((await own.run(['crypto', 'validate-config'])).code).toBe(0);
      const path = join(own.home, '.datafold', 'config.json');
      const config = JSON.parse(await readFile(path, 'utf8')) as {
        crypto: Record<string, unknown>;
      };
      await writeFile(path, JSON.stringify({ crypto: { ...config.crypto, surprise: 1 } }));
      expect((await own.run(['crypto', 'validate-config'])).code).toBe(0);
      expect((await own.run(['crypto', 'validate-config', '--strict'])).code).toBe(3);
      await writeFile(path, '{ not json');
      const broken = await own.run(['crypto', 'list-keys', '--json']);
      expect(broken.code).toBe(3);
      expect(broken.json()).toMatchObject({
        error: { code: 'INVALID_CONFIG', message: expect.stringContaining(path) },
      });
    });
  });

  it('DATAFOLD_CONFIG_PATH and DATAFOLD_CRYPTO_STORAGE move config and keys', async () => {
    const env = {
      DATAFOLD_CONFIG_PATH: join(cli.home, 'alt', 'cfg.json'),
      DATAFOLD_CRYPTO_STORAGE: join(cli.home, 'alt', 'keys'),
    };
    expect(
      (await cli.run(['crypto', 'init', '--security-level', 'interactive'], { env })).code,
    ).toBe(0);
    expect((await cli.run(['crypto', 'generate-key', '--key-id', 'alt-key'], { env })).code).toBe(
      0,
    );
    const status = await cli.run(['crypto', 'status', '--json'], { env });
    expect(status.json()).toMatchObject({
      config_path: env.DATAFOLD_CONFIG_PATH,
      storage_path: env.DATAFOLD_CRYPTO_STORAGE,
      key_count: 2,
    });
    expect(
      (await cli.run(['crypto', 'show-key', '--key-id', 'alt-key', '--public-only'])).code,
    ).toBe(5);
  });

  it('passphrases come from a file, stdin, argv (with a warning) or a prompt-less error', async () => {
    await writeFile(join(cli.home, 'pass.txt'), `${PASSPHRASE}\n`);
    const file = await cli.run(
      ['crypto', 'generate-key', '--key-id', 'p1', '--passphrase-file', 'pass.txt'],
      { env: { DATAFOLD_PASSPHRASE: undefined } },
    );
    expect(file.code, file.stderr).toBe(0);
    const stdin = await cli.run(
      ['crypto', 'retrieve-key', '--key-id', 'p1', '--passphrase-stdin'],
      { env: { DATAFOLD_PASSPHRASE: undefined }, input: `${PASSPHRASE}\n` },
    );
    expect(stdin.code, stdin.stderr).toBe(0);
    const argv = await cli.run(
      ['crypto', 'retrieve-key', '--key-id', 'p1', '--passphrase', PASSPHRASE],
      { env: { DATAFOLD_PASSPHRASE: undefined } },
    );
    expect(argv.code).toBe(0);
    expect(argv.stderr).toContain('warning');
    expect(argv.stderr).not.toContain(PASSPHRASE);
    const none = await cli.run(['crypto', 'retrieve-key', '--key-id', 'p1', '--json'], {
      env: { DATAFOLD_PASSPHRASE: undefined },
    });
    expect(none.code).toBe(2);
    expect(none.json()).toMatchObject({
      error: { message: expect.stringContaining('DATAFOLD_PASSPHRASE') },
    });
    const weak = await cli.run(['crypto', 'generate-key', '--key-id', 'p2', '--json'], {
      env: { DATAFOLD_PASSPHRASE: 'short' },
    });
    expect(weak.code).toBe(2);
    expect(weak.json()).toMatchObject({ error: { code: 'WEAK_PASSPHRASE' } });
  });

  it('derive-key: HKDF key pairs match the SDK; derived keys are listed', async () => {
    const master = await cli.run(['crypto', 'retrieve-key', '--key-id', 'master']);
    const expected = await deriveEd25519KeyPair(hexToBytes(master.stdout.trim()), 'SIGNING');
    const r = await cli.run([
      'crypto',
      'derive-key',
      '--context',
      'SIGNING',
      '--output-key-id',
      'signing-key',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({
      public_key: bytesToHex(expected.publicKey),
      derived_from: { context: 'SIGNING', algorithm: 'HKDF' },
    });
    const pb = await cli.run([
      'crypto',
      'derive-key',
      '--master-key-id',
      'master',
      '--context',
      'x',
      '--algorithm',
      'pbkdf2',
      '--iterations',
      '100000',
      '--json',
    ]);
    expect(pb.json()).toMatchObject({
      algorithm: 'PBKDF2',
      iterations: 100000,
      key: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(
      (
        await cli.run([
          'crypto',
          'derive-key',
          '--context',
          'x',
          '--algorithm',
          'pbkdf2',
          '--iterations',
          '10',
        ])
      ).code,
    ).toBe(2);
    const listed = await cli.run([
      'crypto',
      'list-derived-keys',
      '--master-key-id',
      'master',
      '--json',
    ]);
    expect(
      listed.json<{ derived_keys: { key_id: string }[] }>().derived_keys.map((d) => d.key_id),
    ).toEqual(['signing-key']);
  });

  it('batch runs operations, once with a failure in the middle', async () => {
    await writeFile(
      join(cli.home, 'operations.json'),
      JSON.stringify({
        operations: [
          { type: 'generate', key_id: 'key1' },
          { type: 'generate', key_id: 'key2' },
          {
            type: 'derive',
            master_key_id: 'key1',
            context: 'SIGNING',
            output_key_id: 'key1-signing',
          },
          { type: 'sign', key_id: 'key2', message: 'batch' },
        ],
      }),
    );
    const r = await cli.run([
      'crypto',
      'batch',
      '--file',
      'operations.json',
      '--parallel',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ total: 4, succeeded: 4, failed: 0 });
    await writeFile(
      join(cli.home, 'ops2.json'),
      JSON.stringify({
        operations: [
          { type: 'sign', key_id: 'nope', message: 'x' },
          { type: 'sign', key_id: 'key2', message: 'y' },
        ],
      }),
    );
    const stop = await cli.run(['crypto', 'batch', '--file', 'ops2.json', '--json']);
    expect(stop.code).toBe(5);
    expect(stop.json()).toMatchObject({ succeeded: 0, failed: 1, skipped: 1 });
    const cont = await cli.run([
      'crypto',
      'batch-operation',
      '--file',
      'ops2.json',
      '--continue-on-error',
      '--json',
    ]);
    expect(cont.json()).toMatchObject({ succeeded: 1, failed: 1, skipped: 0 });
    expect((await cli.run(['crypto', 'batch', '--file', 'ops2.json', '--bogus'])).code).toBe(2);
  });

  it('self-test and benchmark report as JSON', async () => {
    const st = await cli.run(['crypto', 'self-test', '--comprehensive', '--performance', '--json']);
    expect(st.code, st.stdout).toBe(0);
    expect(st.json()).toMatchObject({ passed: true, failed: 0 });
    const bench = await cli.run([
      'crypto',
      'benchmark',
      '--operations',
      'keygen,sign,verify',
      '--iterations',
      '5',
      '--json',
    ]);
    expect(bench.code).toBe(0);
    expect(bench.json<{ results: unknown[] }>().results).toHaveLength(3);
  });

  it('plain output has no colour codes without a terminal, and NO_COLOR is honoured', async () => {
    const r = await cli.run(['crypto', 'self-test'], { env: { NO_COLOR: undefined } });
    expect(r.stdout).not.toContain('\u001b[');
  });
});
