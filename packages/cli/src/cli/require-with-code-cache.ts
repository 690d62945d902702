/// <reference types="node" />
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import Module from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

// A command's bundle is ~120 kB: parsing it and compiling the functions a run calls costs more
// CPU than the rest of a short command. V8 can skip both given a code cache, which node ≥ 22.1
// keeps itself (module.enableCompileCache, used by bin/datafold_cli.js where present); on node 20
// this module does the same for the one bundle a run loads. The cache is made after the first
// run (so it holds every function that run compiled) and used from then on.
//
// V8 accepts a cache for any source of the same length, so the file name carries a key of the
// bundle file's path, size, modification time and inode: a rebuilt bundle (written beside and
// renamed in, so a new inode and time) never runs stale code. Hashing the 120 kB source instead
// would cost more than the cache saves. The cache is per user (mode 0700 directory, 0600 files,
// written atomically) and only an optimisation: any problem with it falls back to a plain
// compile, silently.

/** FNV-1a (32 bits) twice with different offsets, over a short string: 16 hex digits. */
function fnv64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** The cache directory if it is ours and private, created on first use; else undefined. */
function cacheDirectory(env: NodeJS.ProcessEnv): string | undefined {
  if (env.DATAFOLD_CLI_NO_CODE_CACHE === '1') return undefined;
  const base =
    env.DATAFOLD_CLI_CACHE_DIR ??
    join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'datafold-cli');
  const directory = join(base, `v8-${process.versions.v8}-${process.arch}`);
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const info = statSync(directory);
    // Someone else's or a shared directory could hand us code: use none from there.
    if (info.uid !== process.getuid?.() || (info.mode & 0o022) !== 0) return undefined;
    return directory;
  } catch {
    return undefined;
  }
}

function readCache(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Writes the cache atomically and drops the caches of earlier builds of the same bundle. */
function writeCache(directory: string, name: string, key: string, data: Buffer): void {
  const file = `${name}-${key}.v8`;
  const temp = join(directory, `${file}.tmp-${process.pid}`);
  try {
    writeFileSync(temp, data, { mode: 0o600 });
    renameSync(temp, join(directory, file));
    for (const other of readdirSync(directory)) {
      if (other !== file && other.startsWith(`${name}-`) && other.endsWith('.v8'))
        unlinkSync(join(directory, other));
    }
  } catch {
    // Read-only home, full disk, a concurrent run: the next run compiles again.
  }
}

/**
 * Loads a CommonJS file like `require` does, through a V8 code cache kept per user.
 *
 * @example
 * const command = requireWithCodeCache('/usr/lib/datafold/bundle/commands/sign.js');
 */
export function requireWithCodeCache(
  filename: string,
  env: NodeJS.ProcessEnv = process.env,
): unknown {
  // node >= 22.1 caches by itself (bin/datafold_cli.js turns it on).
  const directory = 'enableCompileCache' in Module ? undefined : cacheDirectory(env);
  if (directory === undefined) return Module.createRequire(filename)(filename) as unknown;
  const source = readFileSync(filename, 'utf8');
  const name = basename(filename, '.js');
  const file = statSync(filename, { bigint: true });
  const key = fnv64(`${filename}\0${file.size}\0${file.mtimeNs}\0${file.ino}`);
  const cachedData = readCache(join(directory, `${name}-${key}.v8`));
  const script = new Script(Module.wrap(source), { filename, cachedData });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    // After the run, when the cache holds every function the run compiled.
    process.once('beforeExit', () => writeCache(directory, name, key, script.createCachedData()));
  }
  const module = { exports: {} as unknown, filename, id: filename, loaded: false };
  const run = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: unknown,
    __filename: string,
    __dirname: string,
  ) => void;
  run(module.exports, Module.createRequire(filename), module, filename, dirname(filename));
  module.loaded = true;
  return module.exports;
}
