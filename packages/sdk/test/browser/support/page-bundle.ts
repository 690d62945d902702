import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The SDK's sources, under the package name: a page may import '@datafold/js-sdk' as users do. */
const SDK_SOURCES = fileURLToPath(new URL('../../../src/index.ts', import.meta.url));

/**
 * Bundles a page entry (TypeScript, importing the SDK's sources, the vector runners and the
 * vector JSON) for the browser, into a fresh temp directory with an index.html that loads it.
 * `platform: 'browser'` makes any accidental Node import in the SDK core fail the build. The
 * package name `@datafold/js-sdk` resolves to the SDK's sources.
 */
export async function bundlePage(entry: string, title: string): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'datafold-page-'));
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile: join(directory, 'page.js'),
    sourcemap: true,
    alias: { '@datafold/js-sdk': SDK_SOURCES },
    logLevel: 'error',
  });
  await writeFile(
    join(directory, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>` +
      `<body><script type="module" src="page.js"></script></body></html>`,
  );
  return directory;
}
