// Vitest's asymmetric matchers (expect.stringContaining, ...) are typed any.
/* eslint-disable @typescript-eslint/no-unsafe-assignment */
import { startDatafoldServer, type DatafoldServer } from '@datafold/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createHome,
  generateKey,
  initHome,
  inOwnHome,
  registerNewKey,
  type CliHome,
} from './helpers/cli.js';

describe('server commands against a real datafold-server', () => {
  let cli: CliHome;
  let server: DatafoldServer;

  // Each test registers keys of its own, under client ids of its own.
  beforeAll(async () => {
    [cli, server] = await Promise.all([createHome(), startDatafoldServer()]);
    await initHome(cli);
  });
  afterAll(async () => {
    await server?.stop();
    await cli?.cleanup();
  });

  const sign = async (keyId: string, message: string) => {
    const r = await cli.run(['crypto', 'sign', '--key-id', keyId, '--message', message]);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout.trim();
  };
  /** A new key, registered with the server as `clientId`. */
  const registered = async (keyId: string, clientId: string) => {
    await registerNewKey(cli, server.url, keyId, clientId);
  };
  const verify = (keyId: string, message: string, signature: string) =>
    cli.run([
      'crypto',
      'verify',
      '--key-id',
      keyId,
      '--message',
      message,
      '--signature',
      signature,
      '--json',
    ]);

  it('registers with a chosen client id and verifies through the server', async () => {
    await generateKey(cli, 'svc');
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
    expect(r.json<{ client_id: string }>().client_id).toBe('svc-client');
    const sig = await sign('svc', 'payload');
    const ok = await verify('svc', 'payload', sig);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json()).toMatchObject({ verified: true, client_id: 'svc-client' });
    const bad = await verify('svc', 'other', sig);
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
    await registered('first', 'taken-client');
    await generateKey(cli, 'second');
    const r = await cli.run([
      'crypto',
      'register-key',
      '--key-id',
      'second',
      '--server',
      server.url,
      '--client-id',
      'taken-client',
      '--json',
    ]);
    expect(r.code).toBe(1);
    expect(r.json()).toMatchObject({ error: { code: 'CLIENT_ALREADY_REGISTERED' } });
  });

  it('rotate-key rotates the registration too, signed by the old key', async () => {
    await registered('rotated', 'rotated-client');
    const r = await cli.run([
      'crypto',
      'rotate-key',
      '--key-id',
      'rotated',
      '--method',
      'regenerate',
      '--reason',
      'scheduled',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = r.json<{ public_key: string; server: { client_id: string; public_key: string } }>();
    expect(out.server).toMatchObject({ client_id: 'rotated-client', public_key: out.public_key });
    expect(r.json()).toMatchObject({ new_version: 2, removed_versions: [1] });
    const status = await cli.run(['crypto', 'check-registration', '--key-id', 'rotated', '--json']);
    expect(status.json()).toMatchObject({ public_key: out.public_key, status: 'active' });
    const sig = await sign('rotated', 'after rotation');
    expect((await verify('rotated', 'after rotation', sig)).code).toBe(0);
  });

  it('a local-only rotation is caught up by register-key', async () => {
    await registered('behind', 'behind-client');
    const r = await cli.run([
      'crypto',
      'rotate-key',
      '--key-id',
      'behind',
      '--no-server',
      '--keep-old',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const sig = await sign('behind', 'behind');
    expect((await verify('behind', 'behind', sig)).code).toBe(8);
    const again = await cli.run(['crypto', 'register-key', '--key-id', 'behind', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json()).toMatchObject({ rotated: true, key_version: 2 });
    expect((await verify('behind', 'behind', sig)).code).toBe(0);
  });

  it('revoke-registration signs the revocation; verify then answers KEY_NOT_ACTIVE', async () => {
    await registered('revoked', 'revoked-client');
    const r = await cli.run([
      'crypto',
      'revoke-registration',
      '--client-id',
      'revoked-client',
      '--server',
      server.url,
      '--reason',
      'retired',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ status: 'revoked', reason: 'retired' });
    const v = await verify('revoked', 'late', await sign('revoked', 'late'));
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
    // Its own home for the rest: it turns retries off in the configuration.
    await inOwnHome(async (own) => {
      await generateKey(own, 'unsent');
      expect((await own.run(['crypto', 'config', 'set', 'server.retry_attempts', '0'])).code).toBe(
        0,
      );
      const down = await own.run([
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
      const reg = await own.run([
        'crypto',
        'register-key',
        '--key-id',
        'unsent',
        '--server',
        'http://127.0.0.1:9',
      ]);
      expect(reg.code).toBe(6);
      expect(reg.stderr).toContain('http://127.0.0.1:9');
    });
  });
});
