// Bundles the CLI with esbuild into bundle/: `main.js`, which imports nothing of the SDK but
// `suggest`, and one self-contained file per command of the table, `commands/<name>.js`,
// holding the command, the runner and only the SDK functions that command calls (the SDK
// declares `sideEffects: false`). No code splitting: esbuild's shared chunks would pull the whole SDK into every command. A
// command therefore costs node's start plus its own file; node's bare start is the budget.
//
// The bundle is CommonJS (bundle/package.json says so) and bin/datafold_cli.js requires it:
// node's ES module loader costs a CLI run ~20 ms more than `require` for the same three files
// (bench/cli/startup.mjs). cli/load-sibling.ts, the one place that loads a file at run time, is
// swapped for cli/load-sibling-bundled.ts: a `require` of the same relative path through a V8
// code cache (cli/require-with-code-cache.ts). The ESM tsc output in dist/ stays as is.
// The bundle is built beside and swapped in with renames, so a running CLI never sees half one.
import { build, transform } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// The commands are those of the one command table, src/cli/command-table.ts, which imports
// nothing and so runs as it is once its types are stripped.
const table = await transform(readFileSync(`${root}src/cli/command-table.ts`, 'utf8'), {
  loader: 'ts',
  format: 'esm',
});
const { COMMAND_NAMES: names } = await import(
  `data:text/javascript;base64,${Buffer.from(table.code).toString('base64')}`
);

/** `commands/<name>.js` = the command plus a runCli bound to it (see main.ts). */
const wrappers = {
  name: 'command-wrappers',
  setup(b) {
    b.onResolve({ filter: /^command:/ }, (args) => ({
      path: args.path.slice(8),
      namespace: 'command',
    }));
    b.onLoad({ filter: /.*/, namespace: 'command' }, (args) => ({
      resolveDir: `${root}src`,
      loader: 'ts',
      contents: [
        `import { command } from './commands/${args.path}.js';`,
        `import { runCommand } from './cli/run-command.js';`,
        `export { command };`,
        `export const runCli = (args, env) => runCommand(command, args, env);`,
      ].join('\n'),
    }));
  },
};

/** cli/load-sibling.ts for the bundle: cli/load-sibling-bundled.ts (require + code cache). */
const requireSiblings = {
  name: 'require-siblings',
  setup(b) {
    b.onLoad({ filter: /[\\/]cli[\\/]load-sibling\.ts$/ }, (args) => ({
      loader: 'ts',
      resolveDir: dirname(args.path),
      contents: `export { loadSibling } from './load-sibling-bundled.js';`,
    }));
  },
};

// For profiling: `node scripts/bundle.mjs --readable --outdir bundle-readable` writes an unminified
// bundle there (run it with `node -e "require('./bundle-readable/main.js').main(process.argv.slice(1))" -- ...`).
const readable = process.argv.includes('--readable');
const outdirArg = process.argv.indexOf('--outdir');
const target = outdirArg > 0 ? process.argv[outdirArg + 1] : `${root}bundle`;
const staging = `${target}.tmp-${process.pid}`;
const result = await build({
  metafile: true,
  entryPoints: [
    { in: `${root}src/main.ts`, out: 'main' },
    ...names.map((name) => ({ in: `command:${name}`, out: `commands/${name}` })),
  ],
  outdir: staging,
  bundle: true,
  splitting: false,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: !readable,
  // Resolved from node_modules at run time, and only when a key is derived: the native Argon2id
  // addon ('@datafold/js-sdk/node' loads it; a compiled .node file cannot be bundled) and
  // hash-wasm, the WebAssembly fallback, which would otherwise be 50 kB parsed by every command;
  // likewise sodium-native, which the SDK's node Ed25519 backend loads on its first verification.
  external: ['argon2', 'hash-wasm', 'sodium-native'],
  // ... and loaded with `require`: an import() would start the ES module loader for them.
  supported: { 'dynamic-import': false },
  legalComments: 'none',
  plugins: [wrappers, requireSiblings],
  // import.meta.url, which CommonJS lacks, is this file's URL (what load-sibling resolves from).
  define: { 'import.meta.url': '__datafoldFileUrl' },
  banner: {
    js: `'use strict';\nvar __datafoldFileUrl = require('node:url').pathToFileURL(__filename).href;`,
  },
  logLevel: 'warning',
});
writeFileSync(`${staging}/package.json`, `${JSON.stringify({ type: 'commonjs' })}\n`);
if (process.env.BUNDLE_META)
  writeFileSync(process.env.BUNDLE_META, JSON.stringify(result.metafile));
const old = `${target}.old-${process.pid}`;
try {
  renameSync(target, old);
} catch {
  // no previous bundle
}
renameSync(staging, target);
rmSync(old, { recursive: true, force: true });

// The manual page, datafold_cli(1), written by the CLI just built from its own command table
// (`datafold_cli man`), for package managers that install man pages (package.json "man").
if (outdirArg < 0) {
  const page = execFileSync(process.execPath, [`${root}bin/datafold_cli.js`, 'man']);
  mkdirSync(`${root}man`, { recursive: true });
  writeFileSync(`${root}man/datafold_cli.1`, page);
}
