import { startDatafoldServer, type DatafoldServer } from '@datafold/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createHome, initHome, PASSPHRASE, type CliHome } from './helpers/cli.js';

// The CLI says what it does on stderr when asked: -v/--verbose, DATAFOLD_DEBUG=1, or the API
// document's RUST_LOG=debug|trace. Stdout stays the command's own; no secret is ever written.

describe('debug logging in the CLI', () => {
  let cli: CliHome;
  let server: DatafoldServer;

  beforeAll(async () => {
    [cli, server] = await Promise.all([createHome(), startDatafoldServer()]);
    await initHome(cli);
    expect((await cli.run(['crypto', 'generate-key', '--key-id', 'test'])).code).toBe(0);
  });
  afterAll(async () => {
    await server?.stop();
    await cli?.cleanup();
  });

  const debugLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('debug: '));

  it("RUST_LOG=debug datafold_cli crypto register-key (the document's line) logs each step", async () => {
    const r = await cli.run(
      ['crypto', 'register-key', '--key-id', 'test', '--server', server.url, '--json'],
      { env: { RUST_LOG: 'debug' } },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ key_id: 'test', status: 'active' });
    const events = debugLines(r.stderr).map((l) => l.split(' ')[1]);
    expect(events).toEqual(
      expect.arrayContaining([
        'cli.command',
        'cli.store',
        'storage.read',
        'server.request',
        'server.response',
      ]),
    );
    expect(r.stderr).toContain('path="/api/crypto/keys/register"');
    expect(r.stderr).not.toContain(PASSPHRASE);
  });

  it('-v, RUST_LOG=trace and DATAFOLD_DEBUG=1 do the same; RUST_LOG=info and nothing stay quiet', async () => {
    const run = (args: string[], env: Record<string, string | undefined> = {}) =>
      cli.run(['crypto', 'sign', '--key-id', 'test', '--message', 'hi', ...args], {
        env: { RUST_LOG: undefined, DATAFOLD_DEBUG: undefined, ...env },
      });
    const loud = [
      await run(['-v']),
      await run([], { RUST_LOG: 'datafold_cli=trace' }),
      await run([], { DATAFOLD_DEBUG: '1' }),
    ];
    const quiet = [await run([]), await run([], { RUST_LOG: 'info' })];
    for (const r of [...loud, ...quiet]) expect(r.code, r.stderr).toBe(0);
    for (const r of loud) expect(debugLines(r.stderr).length).toBeGreaterThan(0);
    for (const r of quiet) expect(debugLines(r.stderr)).toEqual([]);
    // The signature on stdout is the same whether or not the run logs.
    expect(new Set([...loud, ...quiet].map((r) => r.stdout)).size).toBe(1);
  });
});
