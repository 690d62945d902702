// Vitest's asymmetric matchers (expect.stringContaining, ...) are typed any.
/* eslint-disable @typescript-eslint/no-unsafe-assignment */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createHome, PASSPHRASE, type CliHome } from './helpers/cli.js';
import { inTerminal } from './helpers/terminal.js';

// crypto init is atomic: the passphrase is accepted before anything is written (asked again on a
// terminal, three tries), the master key is stored before the configuration, and a failure or
// Ctrl-C on the way takes back what was written. status never calls a half-made setup initialised.

describe('crypto init is all or nothing', () => {
  let cli: CliHome;
  beforeEach(async () => {
    cli = await createHome();
  });
  afterEach(() => cli?.cleanup());

  const datafold = () => join(cli.home, '.datafold');
  const env = (extra: Record<string, string | undefined> = {}) => ({
    ...process.env,
    HOME: cli.home,
    NO_COLOR: '1',
    DATAFOLD_PASSPHRASE: undefined,
    DATAFOLD_CONFIG_PATH: undefined,
    DATAFOLD_CRYPTO_STORAGE: undefined,
    ...extra,
  });
  const init = ['crypto', 'init', '--security-level', 'interactive'];

  it('a weak passphrase from the environment writes nothing', async () => {
    const r = await cli.run([...init, '--json'], { env: { DATAFOLD_PASSPHRASE: 'short' } });
    expect(r.code).toBe(2);
    expect(r.json()).toMatchObject({ error: { code: 'WEAK_PASSPHRASE' } });
    expect(existsSync(datafold())).toBe(false);
  });

  it('on a terminal a weak or mismatched passphrase is asked again; the third try counts', async () => {
    const run = await inTerminal(cli.home, env(), init, [
      { expect: /Passphrase for the master key and new keys: /, send: 'short\r' },
      { expect: /too weak.*try again \(2 tries left\)/, send: '' },
      { expect: /Passphrase for the master key and new keys: /, send: `${PASSPHRASE}\r` },
      { expect: /\(again\): /, send: 'something else entirely\r' },
      { expect: /differ; try again \(1 try left\)/, send: '' },
      { expect: /Passphrase for the master key and new keys: /, send: `${PASSPHRASE}\r` },
      { expect: /\(again\): /, send: `${PASSPHRASE}\r` },
    ]);
    expect(run.code, run.screen).toBe(0);
    expect(run.screen).toContain('Crypto initialised');
    expect(run.screen).not.toContain(PASSPHRASE);
    const status = await cli.run(['crypto', 'status', '--json']);
    expect(status.json()).toMatchObject({ initialized: true, state: 'complete' });
  });

  it('three failed tries, or Ctrl-C at the prompt, leave nothing behind', async () => {
    const failed = await inTerminal(cli.home, env(), init, [
      { expect: /keys: /, send: 'short\r' },
      { expect: /keys: /, send: 'shorter\r' },
      { expect: /keys: /, send: 'tiny\r' },
    ]);
    expect(failed.code).toBe(2);
    expect(failed.screen).toContain('(WEAK_PASSPHRASE)');
    expect(existsSync(datafold())).toBe(false);

    const interrupted = await inTerminal(cli.home, env(), init, [
      { expect: /keys: /, send: 'correct horse\u0003' },
    ]);
    expect(interrupted.code).toBe(130);
    expect(interrupted.screen).toContain('(INTERRUPTED)');
    expect(existsSync(datafold())).toBe(false);
  });

  it('Ctrl-C while the master key is being stored takes it back out', async () => {
    const child = cli.spawn([...init.slice(0, 2), '--security-level', 'sensitive', '-v']);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      // The master key's Argon2id (256 MiB) has started: interrupt it.
      if (stderr.includes('debug: cli.init') && !child.killed) child.kill('SIGINT');
    });
    child.stdin!.end();
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(stderr).toContain('(INTERRUPTED)');
    expect(code).toBe(130);
    expect(existsSync(datafold())).toBe(false);
  });

  it('status reports a configuration without its master key as incomplete, and init says how to finish', async () => {
    await mkdir(datafold(), { mode: 0o700 });
    await writeFile(
      join(datafold(), 'config.json'),
      JSON.stringify({ crypto: { security_level: 'interactive', master_key_method: 'random' } }),
    );
    const status = await cli.run(['crypto', 'status', '--json']);
    expect(status.code).toBe(0);
    expect(status.json()).toMatchObject({
      initialized: false,
      state: 'incomplete',
      next: expect.stringContaining('crypto init --force'),
    });
    const again = await cli.run([...init, '--json']);
    expect(again.code).toBe(2);
    expect(again.json()).toMatchObject({
      error: { message: expect.stringContaining('run datafold_cli crypto init --force') },
    });
    expect((await cli.run([...init, '--force'])).code).toBe(0);
    const done = await cli.run(['crypto', 'status', '--json']);
    expect(done.json()).toMatchObject({ initialized: true, state: 'complete' });
    const twice = await cli.run([...init, '--json']);
    expect(twice.json()).toMatchObject({
      error: { message: expect.stringContaining('nothing was changed') },
    });
  });
});
