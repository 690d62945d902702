import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

// The folders of src/ in layers (README "Layout"): each imports only from the layers after it.
// The entry point and cli/command-loaders.ts reach commands/ by name at run time (a dynamic
// import), which is not an import of a module's code into another.

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const LAYERS: readonly (readonly string[])[] = [
  ['commands'],
  ['server'],
  ['cli'],
  ['config', 'store'],
  ['io'],
  ['errors'],
];

/** The src/ folders the modules of `folder` import from (static relative imports). */
function foldersImportedBy(folder: string): Set<string> {
  const found = new Set<string>();
  for (const file of readdirSync(join(SRC, folder))) {
    const text = readFileSync(join(SRC, folder, file), 'utf8');
    for (const [, path] of text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const target = path!.startsWith('./') ? folder : path!.split('/')[1]!;
      if (target !== folder) found.add(target);
    }
  }
  return found;
}

describe('src/ layers', () => {
  it('lists every folder of src/', () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect([...folders].sort()).toEqual(LAYERS.flat().sort());
  });

  LAYERS.forEach((layer, depth) => {
    const below = new Set(LAYERS.slice(depth + 1).flat());
    for (const folder of layer) {
      it(`${folder}/ imports only from ${[...below].join(', ') || 'the SDK'}`, () => {
        expect([...foldersImportedBy(folder)].filter((f) => !below.has(f))).toEqual([]);
      });
    }
  });
});
