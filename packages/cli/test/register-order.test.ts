// Vitest's asymmetric matchers (expect.stringContaining, ...) are typed any.
/* eslint-disable @typescript-eslint/no-unsafe-assignment */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { createServerIntegration, generateKeyPair, hexToBytes } from '@datafold/js-sdk';
import { freePort, startDatafoldServer, type DatafoldServer } from '@datafold/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createHome, initHome, type CliHome } from './helpers/cli.js';

// register-key writes the registration down (pending) before the request and completes it after,
// as the SDKs' sessions store first and register second: a refusal removes the record, a lost
// answer is settled by the server's status, and an interrupted run resumes under the same id.

interface Registrations {
  registrations: Record<string, { client_id: string; status: string; public_key: string }>;
}

describe('register-key records first, registers second', () => {
  let cli: CliHome;
  let server: DatafoldServer;

  const registrations = async () =>
    (
      JSON.parse(
        await readFile(join(cli.home, '.datafold', 'keys', 'registrations.json'), 'utf8'),
      ) as Registrations
    ).registrations;
  const publicKeyOf = async (keyId: string) =>
    (
      await cli.run(['crypto', 'export-public-key', '--key-id', keyId, '--format', 'hex'])
    ).stdout.trim();

  beforeAll(async () => {
    [cli, server] = await Promise.all([createHome(), startDatafoldServer()]);
    await initHome(cli);
    for (const id of ['refused', 'lost', 'offline']) {
      expect((await cli.run(['crypto', 'generate-key', '--key-id', id])).code).toBe(0);
    }
  });
  afterAll(async () => {
    await server?.stop();
    await cli?.cleanup();
  });

  it('a refused registration leaves no record behind', async () => {
    const sdk = createServerIntegration({ baseUrl: server.url });
    await sdk.registerKeyPair(await generateKeyPair(), { clientId: 'taken-client' });
    const r = await cli.run([
      'crypto',
      'register-key',
      '--key-id',
      'refused',
      '--server',
      server.url,
      '--client-id',
      'taken-client',
      '--json',
    ]);
    expect(r.json()).toMatchObject({ error: { code: 'CLIENT_ALREADY_REGISTERED' } });
    expect((await registrations()).refused).toBeUndefined();
  });

  it('a registration the server already holds for this key is confirmed, not refused', async () => {
    // As if a first run had registered and then lost the answer before recording it.
    const sdk = createServerIntegration({ baseUrl: server.url });
    const publicKey = await publicKeyOf('lost');
    const unlocked = await cli.run([
      'crypto',
      'retrieve-key',
      '--key-id',
      'lost',
      '--format',
      'hex',
    ]);
    const privateKey = hexToBytes(unlocked.stdout.trim());
    await sdk.registerKeyPair(
      { privateKey, publicKey: hexToBytes(publicKey) },
      { clientId: 'lost-client' },
    );
    const r = await cli.run([
      'crypto',
      'register-key',
      '--key-id',
      'lost',
      '--server',
      server.url,
      '--client-id',
      'lost-client',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({
      client_id: 'lost-client',
      status: 'active',
      public_key: publicKey,
    });
  });

  it('an unreachable server leaves a pending record; the next run resumes under its client id', async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    const first = await cli.run([
      'crypto',
      'register-key',
      '--key-id',
      'offline',
      '--server',
      down,
    ]);
    expect(first.code).toBe(6);
    expect(first.stderr).toContain('run register-key --key-id offline again');
    const pending = (await registrations()).offline!;
    expect(pending).toMatchObject({
      status: 'pending',
      client_id: expect.stringMatching(/^client_/),
    });

    const second = await cli.run([
      'crypto',
      'register-key',
      '--key-id',
      'offline',
      '--server',
      server.url,
      '--json',
    ]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.json()).toMatchObject({ client_id: pending.client_id, status: 'active' });
    expect((await registrations()).offline).toMatchObject({
      client_id: pending.client_id,
      status: 'active',
    });
  });
});
