import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { bytesToHex, getPublicKey, parseKey } from '@datafold/js-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createHome, initHome, type CliHome } from './helpers/cli.js';

// Files the CLI writes with --output end in a newline, as text files do; the SDK reads them as
// they are (spec'd by vectors/key-formats/surrounding-whitespace.json). Python reads the same
// files in python/tests/test_key_text_whitespace.py.

describe('key files written by --output read back in the JS SDK', () => {
  let cli: CliHome;

  beforeAll(async () => {
    cli = await createHome();
    await initHome(cli);
  });
  afterAll(() => cli?.cleanup());

  for (const format of ['hex', 'base64', 'pem', 'jwk'] as const) {
    it(`generate-key --format ${format} --output`, async () => {
      const keyId = `out-${format}`;
      const r = await cli.run([
        'crypto',
        'generate-key',
        '--key-id',
        keyId,
        '--format',
        format,
        '--output',
        `${keyId}.key`,
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      const publicKeyHex = r.json<{ public_key_hex: string }>().public_key_hex;
      const text = await readFile(join(cli.home, `${keyId}.key`), 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      const seed = parseKey(text, format);
      expect(bytesToHex(await getPublicKey(seed))).toBe(publicKeyHex);
    });
  }
});
