import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

// The lower folders of src/ import only from below them (README "Layout"): errors/ from the SDK,
// io/ from errors/ and the SDK. Commands, the runner and the context sit above and may use both.

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const FOLDERS = ['cli', 'commands', 'config', 'errors', 'io', 'server', 'store'];

/** The src/ folders a folder's modules import from (relative imports only). */
function foldersImportedBy(folder: string): Set<string> {
  const found = new Set<string>();
  for (const file of readdirSync(join(SRC, folder))) {
    const text = readFileSync(join(SRC, folder, file), 'utf8');
    for (const [, path] of text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const target = path!.startsWith('./') ? folder : path!.split('/')[1]!;
      if (FOLDERS.includes(target) && target !== folder) found.add(target);
    }
  }
  return found;
}

describe('src/ layers', () => {
  it('errors/ imports nothing of the CLI', () => {
    expect([...foldersImportedBy('errors')]).toEqual([]);
  });

  it('io/ imports only errors/', () => {
    expect([...foldersImportedBy('io')]).toEqual(['errors']);
  });
});
