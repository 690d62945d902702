// Bundles the CLI with esbuild into bundle/: `main.js`, which imports nothing of the SDK, and
// one self-contained file per command, `commands/<name>.js`, holding the command, the runner
// and only the SDK functions that command calls (the SDK declares `sideEffects: false`). No
// code splitting: esbuild's shared chunks would pull the whole SDK into every command. A
// command therefore costs node's start plus its own file; node's bare start is the budget.
// The bundle is built beside and swapped in with renames, so a running CLI never sees half one.
import { build } from 'esbuild';
import { readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const names = readdirSync(`${root}src/commands`)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3));

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

const staging = `${root}bundle.tmp-${process.pid}`;
const result = await build({
  metafile: true,
  entryPoints: [
    { in: `${root}src/main.ts`, out: 'main' },
    // The key store, loaded by the commands that open it (see cli/context.ts).
    { in: `${root}src/store/open-store.ts`, out: 'store/open-store' },
    ...names.map((name) => ({ in: `command:${name}`, out: `commands/${name}` })),
  ],
  outdir: staging,
  bundle: true,
  splitting: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Prefer the ESM builds of dependencies (hash-wasm ships both), so the bundle needs no require.
  mainFields: ['module', 'main'],
  minify: true,
  // The native Argon2id addon ('@datafold/js-sdk/node' loads it when present) cannot be bundled:
  // it is a compiled .node file, resolved from node_modules at run time.
  external: ['argon2'],
  legalComments: 'none',
  plugins: [wrappers],
  // Any CommonJS dependency that slips in still finds `require`.
  banner: {
    js: "import { createRequire as __dfCreateRequire } from 'node:module'; const require = __dfCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
if (process.env.BUNDLE_META)
  writeFileSync(process.env.BUNDLE_META, JSON.stringify(result.metafile));
const old = `${root}bundle.old-${process.pid}`;
try {
  renameSync(`${root}bundle`, old);
} catch {
  // no previous bundle
}
renameSync(staging, `${root}bundle`);
rmSync(old, { recursive: true, force: true });
