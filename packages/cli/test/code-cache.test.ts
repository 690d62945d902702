// The per-user V8 code cache the bundle loads commands through (src/cli/require-with-code-cache.ts).
// Each case runs a fresh node process, since the cache is written when a process is about to exit.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import Module from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const LOADER = fileURLToPath(new URL('../dist/cli/require-with-code-cache.js', import.meta.url));

let dir: string;
let cacheDir: string;
let moduleFile: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'datafold-code-cache-'));
  cacheDir = join(dir, 'cache');
  moduleFile = join(dir, 'answer.js');
  writeFileSync(join(dir, 'package.json'), '{"type":"commonjs"}\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Loads moduleFile through the cache in a new process and returns what it exported. */
function load(env: Record<string, string> = {}): unknown {
  const script = `import { requireWithCodeCache } from ${JSON.stringify(LOADER)};
process.stdout.write(JSON.stringify(requireWithCodeCache(${JSON.stringify(moduleFile)}).answer()));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, DATAFOLD_CLI_CACHE_DIR: cacheDir, ...env },
    encoding: 'utf8',
  });
  return JSON.parse(out) as unknown;
}

/** The cache files (name → bytes) in the one per-V8 directory. */
function cacheFiles(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let versions: string[];
  try {
    versions = readdirSync(cacheDir);
  } catch {
    return files;
  }
  for (const version of versions)
    for (const name of readdirSync(join(cacheDir, version)))
      files.set(name, readFileSync(join(cacheDir, version, name)));
  return files;
}

// Node >= 22.1 keeps a compile cache itself (module.enableCompileCache, which bin/datafold_cli.js
// turns on), and the loader then leaves caching to it; on older Node the loader keeps its own.
const nodeCachesItself = 'enableCompileCache' in Module;

describe.runIf(nodeCachesItself)(
  'requireWithCodeCache where Node caches compiled code itself',
  () => {
    it('loads the module and writes no cache of its own', () => {
      writeFileSync(moduleFile, 'exports.answer = () => 42;\n');
      expect(load()).toBe(42);
      expect(load()).toBe(42);
      expect(cacheFiles().size).toBe(0);
    });
  },
);

describe.skipIf(nodeCachesItself)('requireWithCodeCache', () => {
  it('loads the module and writes a private cache after the first run', () => {
    writeFileSync(moduleFile, 'exports.answer = () => 42;\n');
    expect(load()).toBe(42);
    const files = cacheFiles();
    expect([...files.keys()]).toEqual([expect.stringMatching(/^answer-[0-9a-f]{16}\.v8$/)]);
    const [version] = readdirSync(cacheDir);
    expect(statSync(join(cacheDir, version!)).mode & 0o777).toBe(0o700);
    const [file] = files.keys();
    expect(statSync(join(cacheDir, version!, file!)).mode & 0o777).toBe(0o600);
    expect(load()).toBe(42);
    expect(cacheFiles()).toEqual(files); // used, not rewritten
  });

  it('never runs a stale cache: a rebuilt file of the same length gets its own', () => {
    writeFileSync(moduleFile, 'exports.answer = () => 42;\n');
    expect(load()).toBe(42);
    const before = [...cacheFiles().keys()];
    // Same length as before, as a rebuild writes it: beside, then renamed in.
    writeFileSync(`${moduleFile}.new`, 'exports.answer = () => 43;\n');
    renameSync(`${moduleFile}.new`, moduleFile);
    expect(load()).toBe(43);
    const after = [...cacheFiles().keys()];
    expect(after).toHaveLength(1); // the earlier build's cache is dropped
    expect(after).not.toEqual(before);
  });

  it('replaces a corrupt cache and still loads the module', () => {
    writeFileSync(moduleFile, 'exports.answer = () => 7;\n');
    expect(load()).toBe(7);
    const [version] = readdirSync(cacheDir);
    const [name] = cacheFiles().keys();
    const path = join(cacheDir, version!, name!);
    writeFileSync(path, Buffer.alloc(64, 0xab));
    expect(load()).toBe(7);
    expect(readFileSync(path).equals(Buffer.alloc(64, 0xab))).toBe(false);
  });

  it('uses no cache from a directory others can write to', () => {
    writeFileSync(moduleFile, 'exports.answer = () => 1;\n');
    expect(load()).toBe(1);
    const [version] = readdirSync(cacheDir);
    const shared = join(cacheDir, version!);
    for (const name of readdirSync(shared)) rmSync(join(shared, name));
    chmodSync(shared, 0o777);
    expect(load()).toBe(1);
    expect(readdirSync(shared)).toEqual([]);
  });

  it('is off with DATAFOLD_CLI_NO_CODE_CACHE=1', () => {
    writeFileSync(moduleFile, 'exports.answer = () => 2;\n');
    expect(load({ DATAFOLD_CLI_NO_CODE_CACHE: '1' })).toBe(2);
    expect(cacheFiles().size).toBe(0);
  });
});
