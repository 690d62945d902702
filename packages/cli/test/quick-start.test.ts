// Vitest's asymmetric matchers (expect.stringContaining, ...) are typed any.

import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { startDatafoldServer, type DatafoldServer } from '@datafold/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createHome, type CliHome } from './helpers/cli.js';

// The seed's "CLI Quick Start", command for command, with --server pointing at a real
// datafold-server process. Only the security level differs (interactive keeps the test fast);
// the balanced line is run as written in a second home at the end.
describe('the seed Quick Start against a real datafold-server', () => {
  let cli: CliHome;
  let server: DatafoldServer;

  beforeAll(async () => {
    [cli, server] = await Promise.all([createHome(), startDatafoldServer()]);
  });
  afterAll(async () => {
    await server?.stop();
    await cli?.cleanup();
  });

  it('runs from init to a server-verified signature', async () => {
    const step = async (args: string[]) => {
      const r = await cli.run(args);
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
      return r;
    };
    await step(['crypto', 'init', '--method', 'random', '--security-level', 'interactive']);
    const generated = await step([
      'crypto',
      'generate-key',
      '--key-id',
      'my-app-key',
      '--format',
      'hex',
    ]);
    expect(generated.stdout.trim()).toMatch(/^[0-9a-f]{64}$/);
    const exported = await step([
      'crypto',
      'export-public-key',
      '--key-id',
      'my-app-key',
      '--format',
      'base64',
    ]);
    expect(Buffer.from(exported.stdout.trim(), 'base64').toString('hex')).toBe(
      generated.stdout.trim(),
    );
    await step([
      'crypto',
      'export-key',
      '--key-id',
      'my-app-key',
      '--output',
      'my-key-backup.json',
    ]);
    expect((await stat(join(cli.home, 'my-key-backup.json'))).mode & 0o777).toBe(0o600);
    await step(['crypto', 'rotate-key', '--key-id', 'my-app-key', '--method', 'derive']);
    await step(['crypto', 'register-key', '--key-id', 'my-app-key', '--server', server.url]);
    await step([
      'crypto',
      'sign',
      '--key-id',
      'my-app-key',
      '--message',
      'Hello DataFold',
      '--output',
      'signature.bin',
    ]);
    expect((await readFile(join(cli.home, 'signature.bin'))).length).toBe(64);
    const verified = await step([
      'crypto',
      'verify',
      '--key-id',
      'my-app-key',
      '--message',
      'Hello DataFold',
      '--signature',
      'signature.bin',
      '--server',
      server.url,
      '--json',
    ]);
    expect(verified.json()).toMatchObject({ verified: true });
  });

  it('accepts the init line exactly as written (balanced)', async () => {
    const other = await createHome();
    try {
      const r = await other.run([
        'crypto',
        'init',
        '--method',
        'random',
        '--security-level',
        'balanced',
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.json()).toMatchObject({
        security_level: 'balanced',
        kdf: { memory: 65536, iterations: 3, parallelism: 1 },
      });
    } finally {
      await other.cleanup();
    }
  });
});
