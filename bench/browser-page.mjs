// A page in Debian's Chromium that runs a bench's own script: the script is bundled for the
// browser with esbuild, served from 127.0.0.1 (a secure context, so WebCrypto is all there) and
// loaded; the bench then calls what the script put on `globalThis` through page.evaluate.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { launchChromium } from '@datafold/test-support/chromium';

const BENCH_DIR = new URL('.', import.meta.url).pathname;

/** The SDK's built ES modules, for a page script to import by path. */
export const SDK_DIST = new URL('../packages/sdk/dist/', import.meta.url).pathname;

/**
 * Opens a page running `script` (module source; it sets `globalThis.benchReady = true` when its
 * functions are in place). Close it with `close()`.
 *
 * @example
 * const { page, close } = await openBenchPage(`globalThis.bench = () => 1; globalThis.benchReady = true;`);
 */
export async function openBenchPage(script) {
  const directory = await mkdtemp(join(tmpdir(), 'datafold-bench-'));
  await build({
    // Resolved from bench/, so the script imports packages (the SDK's browser entry) and the
    // benches' shared modules as the benches themselves do.
    stdin: { contents: script, resolveDir: BENCH_DIR, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile: join(directory, 'page.js'),
    logLevel: 'error',
  });
  await writeFile(
    join(directory, 'index.html'),
    '<!doctype html><script type="module" src="page.js"></script>',
  );
  const server = createServer((req, res) => {
    const name = req.url === '/' ? 'index.html' : req.url.slice(1);
    readFile(join(directory, name)).then(
      (body) =>
        res
          .writeHead(200, {
            'content-type': name.endsWith('.js') ? 'text/javascript' : 'text/html',
          })
          .end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await launchChromium();
  const close = async () => {
    await browser.close();
    server.close();
    await rm(directory, { recursive: true, force: true });
  };
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => 'benchReady' in globalThis);
    return { page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
