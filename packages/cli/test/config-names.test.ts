// Vitest's asymmetric matchers (expect.stringContaining, ...) are typed any.
/* eslint-disable @typescript-eslint/no-unsafe-assignment */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createHome, type CliHome } from './helpers/cli.js';

// The API document's "Default Configuration", as written (its key_storage_path, no
// key_derivation, no server), passes validate-config and is honoured; our storage.path is the
// preferred name and a file naming two different directories is refused.

const DOCUMENT_CONFIG = `{
  "crypto": {
    "security_level": "balanced",
    "key_storage_path": "~/.datafold/keys",
    "master_key_method": "random"
  }
}
`;

describe("the document's configuration names", () => {
  let cli: CliHome;
  beforeEach(async () => {
    cli = await createHome();
    await mkdir(join(cli.home, '.datafold'), { mode: 0o700 });
  });
  afterEach(() => cli?.cleanup());

  const writeConfig = (text: string) => writeFile(join(cli.home, '.datafold', 'config.json'), text);

  it('the document sample passes validate-config, --strict too, with a note on the name', async () => {
    await writeConfig(DOCUMENT_CONFIG);
    for (const args of [[], ['--strict']]) {
      const r = await cli.run(['crypto', 'validate-config', ...args, '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.json()).toMatchObject({
        valid: true,
        issues: [
          {
            path: 'crypto.key_storage_path',
            severity: 'note',
            message: expect.stringContaining('storage.path is preferred'),
          },
        ],
      });
    }
  });

  it('key_storage_path decides where keys go', async () => {
    await writeConfig(DOCUMENT_CONFIG.replace('~/.datafold/keys', '~/elsewhere/keys'));
    const r = await cli.run(['crypto', 'generate-key', '--key-id', 'app', '--json'], {
      env: { DATAFOLD_CRYPTO_STORAGE: undefined },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ storage_path: join(cli.home, 'elsewhere', 'keys') });
    expect(await readdir(join(cli.home, 'elsewhere', 'keys'))).toContain('app.v1.key');
  });

  it('storage.path is preferred; two different directories are refused', async () => {
    const both = (alias: string) =>
      JSON.stringify({
        crypto: {
          security_level: 'balanced',
          master_key_method: 'random',
          storage: { path: '~/ours' },
          key_storage_path: alias,
        },
      });
    await writeConfig(both('~/ours'));
    const same = await cli.run(['crypto', 'validate-config', '--json']);
    expect(same.code, same.stderr).toBe(0);
    await writeConfig(both('~/theirs'));
    const differ = await cli.run(['crypto', 'validate-config', '--json']);
    expect(differ.code).toBe(3);
    expect(differ.json()).toMatchObject({
      error: {
        code: 'INVALID_CONFIG',
        message: expect.stringContaining('storage.path is preferred'),
      },
    });
  });
});
