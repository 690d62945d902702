// Marks every workspace package's "bin" files executable. npm does so when it links them, but in
// a fresh clone `npm ci` runs before the build writes dist/, so the server's bin
// (dist/main.js, written by tsc without the mode) would not run as `npx datafold-server`.
// Part of `npm run build`.
import { chmodSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packages = fileURLToPath(new URL('../packages/', import.meta.url));
for (const name of readdirSync(packages)) {
  const manifestPath = join(packages, name, 'package.json');
  if (!existsSync(manifestPath)) continue;
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const files = typeof bin === 'string' ? [bin] : Object.values(bin ?? {});
  for (const file of files) {
    const path = join(packages, name, file);
    if (existsSync(path)) chmodSync(path, 0o755);
  }
}
