import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { bytesToHex } from '../../src/encoding/hex.js';
import { isDataFoldError } from '../../src/errors/datafold-error.js';
import { parseKey } from '../../src/formats/parse-key.js';
import type { KeyFormat } from '../../src/formats/key-format.js';

// Whitespace around key text (a key file's final newline) is ignored, inside it refused: the
// cases the Python SDK reads too. The CLI-written files are parsed in
// packages/cli/test/key-output-files.test.ts.

interface Case {
  name: string;
  format: KeyFormat;
  text: string;
  key?: string;
  error?: string;
}
const { cases } = JSON.parse(
  readFileSync(
    new URL('../../../../vectors/key-formats/surrounding-whitespace.json', import.meta.url),
    'utf8',
  ),
) as { cases: Case[] };

describe('parseKey and whitespace around key text', () => {
  for (const c of cases) {
    it(c.name, () => {
      if (c.key !== undefined) {
        expect(bytesToHex(parseKey(c.text, c.format))).toBe(c.key);
        return;
      }
      let error: unknown;
      try {
        parseKey(c.text, c.format);
      } catch (e) {
        error = e;
      }
      expect(isDataFoldError(error, c.error as 'INVALID_KEY_FORMAT')).toBe(true);
    });
  }
});
