#!/usr/bin/env node
// The datafold_cli launcher. It runs the esbuild bundle (main.js plus one self-contained file
// per command, so a command loads only what it needs) when it has been built, else the tsc
// output, which is slower to start. `npm run build -w @datafold/cli` builds both; set
// DATAFOLD_CLI_UNBUNDLED=1 to run the tsc output anyway.
import { existsSync } from 'node:fs';

const bundled = new URL('../bundle/main.js', import.meta.url);
const entry =
  process.env.DATAFOLD_CLI_UNBUNDLED !== '1' && existsSync(bundled)
    ? bundled
    : new URL('../dist/main.js', import.meta.url);
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
