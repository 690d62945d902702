#!/usr/bin/env node
// The datafold_cli launcher. It runs the esbuild bundle (one small chunk per command, so a
// command loads only what it needs) and falls back to the tsc output when the bundle has not
// been built (`npm run build -w @datafold/cli` builds both).
import { existsSync } from 'node:fs';

const bundled = new URL('../bundle/main.js', import.meta.url);
const entry = existsSync(bundled) ? bundled : new URL('../dist/main.js', import.meta.url);
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
