#!/usr/bin/env node
// The datafold_cli launcher. It runs the esbuild bundle (one small chunk per command, so a
// command loads only what it needs) unless the tsc output is newer (the bundle is stale, or was
// never built): then it runs the tsc output, which is slower to start but never out of date.
// `npm run build -w @datafold/cli` builds both.
import { statSync } from 'node:fs';

const bundled = new URL('../bundle/main.js', import.meta.url);
const compiled = new URL('../dist/main.js', import.meta.url);
const mtime = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? -1;
const entry = mtime(bundled) >= mtime(compiled) ? bundled : compiled;
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
