// Bundles the CLI with esbuild into bundle/: an ESM entry plus one lazily imported chunk per
// command and shared chunks for the SDK parts they use. The SDK declares `sideEffects: false`,
// so each chunk carries only the functions its command calls; node's bare start-up is the budget.
// The bundle is built beside and swapped in with renames, so a running CLI never sees half of one.
import { build } from 'esbuild';
import { readdirSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const commands = readdirSync(`${root}src/commands`)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => `${root}src/commands/${f}`);

const staging = `${root}bundle.tmp-${process.pid}`;
await build({
  entryPoints: [`${root}src/main.ts`, ...commands],
  outdir: staging,
  outbase: `${root}src`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Prefer the ESM builds of dependencies (hash-wasm ships both), so the bundle needs no require.
  mainFields: ['module', 'main'],
  minify: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  // Any CommonJS dependency that slips in still finds `require`.
  banner: {
    js: "import { createRequire as __dfCreateRequire } from 'node:module'; const require = __dfCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
const old = `${root}bundle.old-${process.pid}`;
try {
  renameSync(`${root}bundle`, old);
} catch {
  // no previous bundle
}
renameSync(staging, `${root}bundle`);
rmSync(old, { recursive: true, force: true });
