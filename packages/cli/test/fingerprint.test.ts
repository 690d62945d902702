// show-key, list-keys and register-key print the key fingerprint of spec/key-fingerprint-v1.md,
// the same text as the shared vectors (checked there against ssh-keygen -l), in human and --json
// output. The key is RFC 8032's TEST 1, stored by the Node SDK, so the expected text is the
// vector file's, not something this test computes.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { hexToBytes, keyPairFromSeed } from '@datafold/js-sdk';
import { createFileKeyStorage } from '@datafold/js-sdk/node';
import { startDatafoldServer, type DatafoldServer } from '@datafold/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createHome, initHome, PASSPHRASE, type CliHome } from './helpers/cli.js';

const VECTORS = new URL('../../../vectors/fingerprint/key-fingerprint-v1.json', import.meta.url);
const RFC8032_TEST_1_SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const INTERACTIVE = { memory: 19456, iterations: 2, parallelism: 1 };

describe('key fingerprints in the CLI', () => {
  let cli: CliHome;
  let server: DatafoldServer;
  let expected: string;

  beforeAll(async () => {
    [cli, server] = await Promise.all([createHome(), startDatafoldServer()]);
    await initHome(cli);
    const vectors = JSON.parse(await readFile(VECTORS, 'utf8')) as {
      cases: { name: string; fingerprint: string }[];
    };
    expected = vectors.cases.find((c) => c.name === 'RFC 8032 TEST 1')!.fingerprint;
    const storage = createFileKeyStorage({
      directory: join(cli.home, '.datafold', 'keys'),
      kdfParams: INTERACTIVE,
    });
    await storage.storeKeyPair(
      'rfc-test-1',
      await keyPairFromSeed(hexToBytes(RFC8032_TEST_1_SEED)),
      PASSPHRASE,
    );
  });
  afterAll(async () => {
    await server?.stop();
    await cli?.cleanup();
  });

  it('show-key prints it, whatever the key format', async () => {
    const json = await cli.run(['crypto', 'show-key', '--key-id', 'rfc-test-1', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(json.json()).toMatchObject({ fingerprint: expected });
    const human = await cli.run([
      'crypto',
      'show-key',
      '--key-id',
      'rfc-test-1',
      '--format',
      'pem',
    ]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain(`  fingerprint: ${expected}\n`);
  });

  it('list-keys prints it for every key', async () => {
    const json = await cli.run(['crypto', 'list-keys', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const keys = json.json<{ keys: { key_id: string; fingerprint: string }[] }>().keys;
    expect(keys.find((k) => k.key_id === 'rfc-test-1')?.fingerprint).toBe(expected);
    const human = await cli.run(['crypto', 'list-keys', '--format', 'base64']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/FINGERPRINT/);
    expect(human.stdout.split('\n').find((l) => l.startsWith('rfc-test-1'))).toContain(expected);
  });

  it('register-key prints it on registering and when already registered', async () => {
    const first = await cli.run([
      'crypto',
      'register-key',
      '--key-id',
      'rfc-test-1',
      '--server',
      server.url,
      '--client-id',
      'fingerprint-client',
      '--json',
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.json()).toMatchObject({ client_id: 'fingerprint-client', fingerprint: expected });
    const again = await cli.run(['crypto', 'register-key', '--key-id', 'rfc-test-1']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`fingerprint:     ${expected}`);
  });
});
