// Checks what each npm tarball holds, unpacked by scripts/test-packages.sh into
// UNPACKED/<tarball name>/package: a README, the repository's LICENSE, a publishable package.json
// (not private; the SDK named at its own version), the type declarations its exports name, no
// source map without its sources, and nothing but runtime files. Prints each tarball's packed
// size, unpacked size and file count.
//   node scripts/packages/check-tarballs.mjs PACK_JSON UNPACKED
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const [packJson, unpacked] = process.argv.slice(2);
const root = new URL('../../', import.meta.url);
const license = readFileSync(new URL('LICENSE', root), 'utf8');
const sdk = JSON.parse(readFileSync(new URL('packages/sdk/package.json', root), 'utf8'));
const failures = [];
const fail = (name, message) => failures.push(`${name}: ${message}`);

function walk(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Every `types` path of an exports map (nested conditions included). */
function typesOf(exports) {
  if (!exports || typeof exports !== 'object') return [];
  return Object.entries(exports).flatMap(([key, value]) =>
    key === 'types' && typeof value === 'string' ? [value] : typesOf(value),
  );
}

/** What a published package may hold: build output, docs, its manifest, man pages. */
const RUNTIME_FILE = /^(README\.md|LICENSE|package\.json|(dist|bundle|bin|dashboard|man)\/.+)$/;
const NOT_RUNTIME = /(^|\/)(test|tests|__tests__|fixtures)\/|\.tsbuildinfo$|\.test\.|(?<!\.d)\.ts$/;

for (const pack of JSON.parse(readFileSync(packJson, 'utf8'))) {
  const { name, filename } = pack;
  const dir = join(unpacked, filename, 'package');
  const files = walk(dir).map((file) => relative(dir, file));
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

  if (!files.includes('README.md')) fail(name, 'no README.md');
  if (!files.includes('LICENSE')) fail(name, 'no LICENSE');
  else if (readFileSync(join(dir, 'LICENSE'), 'utf8') !== license) {
    fail(name, 'LICENSE differs from the repository root one');
  }
  if (manifest.private) fail(name, '"private": true');
  if (manifest.license !== 'Apache-2.0') fail(name, `license ${manifest.license}`);
  if (manifest.version !== sdk.version) fail(name, `version ${manifest.version} ≠ ${sdk.version}`);
  if (name !== sdk.name && manifest.dependencies?.[sdk.name] !== sdk.version) {
    fail(name, `depends on ${sdk.name}@${manifest.dependencies?.[sdk.name]}, not ${sdk.version}`);
  }
  // The CLI's bundle requires what the SDK leaves external (bundle.mjs): the same ranges.
  for (const kind of ['dependencies', 'optionalDependencies']) {
    for (const [dep, range] of Object.entries(manifest[kind] ?? {})) {
      const sdkRange = sdk.dependencies?.[dep] ?? sdk.optionalDependencies?.[dep];
      if (sdkRange && sdkRange !== range) fail(name, `${dep}@${range}, the SDK has ${sdkRange}`);
    }
  }
  for (const types of typesOf(manifest.exports)) {
    if (!files.includes(types.replace(/^\.\//, ''))) fail(name, `exports names ${types}, missing`);
  }
  for (const bin of Object.values(manifest.bin ?? {})) {
    if (!files.includes(bin.replace(/^\.\//, ''))) fail(name, `bin ${bin} missing`);
  }
  for (const file of files) {
    if (!RUNTIME_FILE.test(file) || NOT_RUNTIME.test(file))
      fail(name, `not a runtime file: ${file}`);
    if (!file.endsWith('.map')) continue;
    const map = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const inline = map.sourcesContent?.length === map.sources.length;
    if (!inline) fail(name, `${file}: a source map without its sources`);
  }
  if (name === '@datafold/server' && !files.includes('dashboard/index.html')) {
    fail(name, 'no dashboard/index.html');
  }
  console.log(
    `${filename}: ${(pack.size / 1024).toFixed(0)} KiB packed, ` +
      `${(pack.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${files.length} files`,
  );
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
