// Several real CLI processes on one key directory at once (issue 5, Robustness): nothing may lose
// a key, a version or a registration, and a derived version is the derivation of the number it
// is stored under (spec/key-rotation-v1.md §4).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { bytesToHex, deriveRotationKeyPair } from '@datafold/js-sdk';
import { createFileKeyStorage, type FileKeyStorage } from '@datafold/js-sdk/node';
import { startDatafoldServer, type DatafoldServer } from '@datafold/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createHome, initHome, PASSPHRASE, type CliHome } from './helpers/cli.js';

interface RegistrationsFile {
  registrations: Record<string, { client_id: string; key_version: number; status: string }>;
}

describe('concurrent CLI processes', () => {
  let cli: CliHome;
  let server: DatafoldServer;
  let keysDir: string;
  let storage: FileKeyStorage;

  const registrations = async () =>
    (JSON.parse(await readFile(join(keysDir, 'registrations.json'), 'utf8')) as RegistrationsFile)
      .registrations;

  const ok = async (args: string[]) => {
    const r = await cli.run([...args, '--json']);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return r;
  };

  beforeAll(async () => {
    [cli, server] = await Promise.all([createHome(), startDatafoldServer()]);
    await initHome(cli);
    keysDir = join(cli.home, '.datafold', 'keys');
    storage = createFileKeyStorage({ directory: keysDir });
  });
  afterAll(async () => {
    await server?.stop();
    await cli?.cleanup();
  });

  it('register-key for several keys at once records every registration', async () => {
    const ids = ['reg-a', 'reg-b', 'reg-c', 'reg-d'];
    await Promise.all(ids.map((id) => ok(['crypto', 'generate-key', '--key-id', id])));
    const results = await Promise.all(
      ids.map((id) =>
        ok([
          'crypto',
          'register-key',
          '--key-id',
          id,
          '--server',
          server.url,
          '--client-id',
          `client-${id}`,
        ]),
      ),
    );
    expect(results.map((r) => r.json<{ client_id: string }>().client_id)).toEqual(
      ids.map((id) => `client-${id}`),
    );
    const recorded = await registrations();
    expect(Object.keys(recorded).sort()).toEqual(ids);
    for (const id of ids) {
      expect(recorded[id]).toMatchObject({ client_id: `client-${id}`, status: 'active' });
      const check = await ok(['crypto', 'check-registration', '--key-id', id]);
      expect(check.json()).toMatchObject({ client_id: `client-${id}` });
    }

    // Rotations that follow their registrations and a delete that forgets one, all at once: each
    // rewrites the file, and none may drop another's entry.
    await Promise.all([
      ok(['crypto', 'rotate-key', '--key-id', 'reg-a', '--keep-old']),
      ok(['crypto', 'rotate-key', '--key-id', 'reg-b', '--keep-old']),
      ok(['crypto', 'delete-key', '--key-id', 'reg-c', '--confirm']),
      ok(['crypto', 'register-key', '--key-id', 'reg-d', '--server', server.url]),
    ]);
    const after = await registrations();
    expect(Object.keys(after).sort()).toEqual(['reg-a', 'reg-b', 'reg-d']);
    expect(after['reg-a']).toMatchObject({ key_version: 2, status: 'active' });
    expect(after['reg-b']).toMatchObject({ key_version: 2, status: 'active' });
    expect(after['reg-d']).toMatchObject({ key_version: 1, status: 'active' });
    // The lock is gone once every writer has finished.
    await expect(readFile(join(keysDir, '.registrations.lock'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it('concurrent derive rotations of one key end with consecutive, reproducible versions', async () => {
    await ok(['crypto', 'generate-key', '--key-id', 'chain']);
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        ok(['crypto', 'rotate-key', '--key-id', 'chain', '--method', 'derive', '--keep-old']),
      ),
    );
    const made = results.map((r) => r.json<{ new_version: number }>().new_version).sort();
    expect(made).toEqual([2, 3, 4]);
    const versions = await storage.listVersions('chain');
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);
    expect(versions.find((v) => v.current)?.version).toBe(4);
    for (let version = 2; version <= 4; version++) {
      const seed = (await storage.retrieveKeyVersion('chain', version - 1, PASSPHRASE)).privateKey;
      const stored = await storage.retrieveKeyVersion('chain', version, PASSPHRASE);
      const again = await deriveRotationKeyPair({
        method: 'derive',
        keyId: 'chain',
        version,
        seed,
      });
      expect(bytesToHex(stored.privateKey), `version ${version}`).toBe(
        bytesToHex(again.privateKey),
      );
    }
    const list = await ok(['crypto', 'list-key-versions', '--key-id', 'chain']);
    const listed = list.json<{ versions: { version: number; method: string | null }[] }>();
    expect(listed.versions.slice(1).map((v) => v.method)).toEqual(['derive', 'derive', 'derive']);
  });

  it('concurrent rederive rotations store the master derivation of each version', async () => {
    await ok(['crypto', 'generate-key', '--key-id', 'mastered']);
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        ok(['crypto', 'rotate-key', '--key-id', 'mastered', '--method', 'rederive', '--keep-old']),
      ),
    );
    expect(results.map((r) => r.json<{ new_version: number }>().new_version).sort()).toEqual([
      2, 3, 4,
    ]);
    const config = JSON.parse(
      await readFile(join(cli.home, '.datafold', 'config.json'), 'utf8'),
    ) as { crypto: { master_key_id?: string } };
    const master = await storage.retrieveKeyPair(
      config.crypto.master_key_id ?? 'master',
      PASSPHRASE,
    );
    for (let version = 2; version <= 4; version++) {
      const stored = await storage.retrieveKeyVersion('mastered', version, PASSPHRASE);
      const again = await deriveRotationKeyPair({
        method: 'rederive',
        keyId: 'mastered',
        version,
        masterKey: master.privateKey,
      });
      expect(bytesToHex(stored.publicKey), `version ${version}`).toBe(bytesToHex(again.publicKey));
    }
  });
});
