// Vitest's asymmetric matchers (expect.stringContaining, ...) are typed any.
/* eslint-disable @typescript-eslint/no-unsafe-assignment */
import { startDatafoldServer, type DatafoldServer } from '@datafold/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createHome, initHome, type CliHome } from './helpers/cli.js';

describe('server commands against a real datafold-server', () => {
  let cli: CliHome;
  let server: DatafoldServer;
  let clientId: string;

  beforeAll(async () => {
    [cli, server] = await Promise.all([createHome(), startDatafoldServer()]);
    await initHome(cli);
    expect((await cli.run(['crypto', 'generate-key', '--key-id', 'svc'])).code).toBe(0);
  });
  afterAll(async () => {
    await server?.stop();
    await cli?.cleanup();
  });

  const sign = async (message: string) => {
    const r = await cli.run(['crypto', 'sign', '--key-id', 'svc', '--message', message]);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout.trim();
  };

  it('registers with a chosen client id and verifies through the server', async () => {
    const r = await cli.run([
      'crypto',
      'register-key',
      '--key-id',
      'svc',
      '--server',
      server.url,
      '--client-id',
      'svc-client',
      '--key-name',
      'Service',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    clientId = r.json<{ client_id: string }>().client_id;
    expect(clientId).toBe('svc-client');
    const sig = await sign('payload');
    const ok = await cli.run([
      'crypto',
      'verify',
      '--key-id',
      'svc',
      '--message',
      'payload',
      '--signature',
      sig,
      '--json',
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json()).toMatchObject({ verified: true, client_id: 'svc-client' });
    const bad = await cli.run([
      'crypto',
      'verify',
      '--key-id',
      'svc',
      '--message',
      'other',
      '--signature',
      sig,
      '--json',
    ]);
    expect(bad.code).toBe(8);
    expect(bad.json()).toMatchObject({ error: { code: 'SIGNATURE_VERIFICATION_FAILED' } });
    const status = await cli.run([
      'crypto',
      'check-registration',
      '--client-id',
      'svc-client',
      '--server',
      server.url,
      '--json',
    ]);
    expect(status.json()).toMatchObject({ status: 'active', client_id: 'svc-client' });
  });

  it('a second registration of the same client is refused by the server', async () => {
    expect((await cli.run(['crypto', 'generate-key', '--key-id', 'other'])).code).toBe(0);
    const r = await cli.run([
      'crypto',
      'register-key',
      '--key-id',
      'other',
      '--server',
      server.url,
      '--client-id',
      'svc-client',
      '--json',
    ]);
    expect(r.code).toBe(1);
    expect(r.json()).toMatchObject({ error: { code: 'CLIENT_ALREADY_REGISTERED' } });
  });

  it('rotate-key rotates the registration too, signed by the old key', async () => {
    const r = await cli.run([
      'crypto',
      'rotate-key',
      '--key-id',
      'svc',
      '--method',
      'regenerate',
      '--reason',
      'scheduled',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = r.json<{ public_key: string; server: { client_id: string; public_key: string } }>();
    expect(out.server).toMatchObject({ client_id: 'svc-client', public_key: out.public_key });
    expect(r.json()).toMatchObject({ new_version: 2, removed_versions: [1] });
    const status = await cli.run(['crypto', 'check-registration', '--key-id', 'svc', '--json']);
    expect(status.json()).toMatchObject({ public_key: out.public_key, status: 'active' });
    const sig = await sign('after rotation');
    expect(
      (
        await cli.run([
          'crypto',
          'verify',
          '--key-id',
          'svc',
          '--message',
          'after rotation',
          '--signature',
          sig,
        ])
      ).code,
    ).toBe(0);
  });

  it('a local-only rotation is caught up by register-key', async () => {
    const r = await cli.run([
      'crypto',
      'rotate-key',
      '--key-id',
      'svc',
      '--no-server',
      '--keep-old',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const sig = await sign('behind');
    expect(
      (
        await cli.run([
          'crypto',
          'verify',
          '--key-id',
          'svc',
          '--message',
          'behind',
          '--signature',
          sig,
        ])
      ).code,
    ).toBe(8);
    const again = await cli.run(['crypto', 'register-key', '--key-id', 'svc', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json()).toMatchObject({ rotated: true, key_version: 3 });
    expect(
      (
        await cli.run([
          'crypto',
          'verify',
          '--key-id',
          'svc',
          '--message',
          'behind',
          '--signature',
          sig,
        ])
      ).code,
    ).toBe(0);
  });

  it('revoke-registration signs the revocation; verify then answers KEY_NOT_ACTIVE', async () => {
    const r = await cli.run([
      'crypto',
      'revoke-registration',
      '--client-id',
      'svc-client',
      '--server',
      server.url,
      '--reason',
      'retired',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ status: 'revoked', reason: 'retired' });
    const sig = await sign('late');
    const v = await cli.run([
      'crypto',
      'verify',
      '--key-id',
      'svc',
      '--message',
      'late',
      '--signature',
      sig,
      '--json',
    ]);
    expect(v.code).toBe(1);
    expect(v.json()).toMatchObject({ error: { code: 'KEY_NOT_ACTIVE' } });
  });

  it('unknown client is exit 5; an unreachable server is exit 6 naming the URL', async () => {
    const unknown = await cli.run([
      'crypto',
      'check-registration',
      '--client-id',
      'nobody',
      '--server',
      server.url,
    ]);
    expect(unknown.code).toBe(5);
    expect((await cli.run(['crypto', 'config', 'set', 'server.retry_attempts', '0'])).code).toBe(0);
    const down = await cli.run([
      'crypto',
      'check-registration',
      '--client-id',
      'nobody',
      '--server',
      'http://127.0.0.1:9',
      '--json',
    ]);
    expect(down.code).toBe(6);
    expect(down.json()).toMatchObject({
      error: { code: 'NETWORK_ERROR', message: expect.stringContaining('http://127.0.0.1:9') },
    });
    const reg = await cli.run([
      'crypto',
      'register-key',
      '--key-id',
      'other',
      '--server',
      'http://127.0.0.1:9',
    ]);
    expect(reg.code).toBe(6);
    expect(reg.stderr).toContain('http://127.0.0.1:9');
  });
});
