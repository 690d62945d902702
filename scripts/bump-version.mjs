#!/usr/bin/env node
// One release version for every face of the project: `node scripts/bump-version.mjs X.Y.Z` rewrites
// each workspace package.json (its version and the @datafold/* versions it depends on), the workspace
// entries of package-lock.json, the root's @datafold/* dev dependency, python/pyproject.toml and the
// version constants the code reports (the CLI's --version, Python's __version__). The server reads
// its version from its package.json at run time, so it needs no constant.
// `--check` only reports whether they all agree (the tests run both).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const INTERNAL_SCOPE = '@datafold/';
const DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
];
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/** Text files holding one version each, with the pattern that finds it (group 2 is the version). */
const TEXT_VERSION_FILES = [
  { path: 'python/pyproject.toml', pattern: /^(version = ")([^"]+)(")$/m },
  { path: 'python/src/datafold_sdk/__init__.py', pattern: /^(__version__ = ")([^"]+)(")$/m },
  {
    path: 'packages/cli/src/cli/version.ts',
    pattern: /^(export const CLI_VERSION = ')([^']+)(';)$/m,
  },
];

function workspaceManifests(root) {
  return readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join('packages', entry.name, 'package.json'))
    .filter((path) => {
      try {
        readFileSync(join(root, path));
        return true;
      } catch {
        return false;
      }
    });
}

function readJson(root, path) {
  return JSON.parse(readFileSync(join(root, path), 'utf8'));
}

function writeJson(root, path, value) {
  writeFileSync(join(root, path), `${JSON.stringify(value, null, 2)}\n`);
}

/** Each `@datafold/*` dependency of one manifest entry, as [label, version]. */
function internalDependencies(entry, label) {
  const found = [];
  for (const field of DEPENDENCY_FIELDS) {
    for (const [name, range] of Object.entries(entry[field] ?? {})) {
      if (name.startsWith(INTERNAL_SCOPE)) found.push([`${label} ${field}.${name}`, range]);
    }
  }
  return found;
}

function setInternalDependencies(entry, version) {
  for (const field of DEPENDENCY_FIELDS) {
    for (const name of Object.keys(entry[field] ?? {})) {
      if (name.startsWith(INTERNAL_SCOPE)) entry[field][name] = version;
    }
  }
}

/** Lock entries for the workspaces: `""` (the root) and `packages/*`. */
function lockWorkspaceKeys(lock) {
  return Object.keys(lock.packages ?? {}).filter(
    (key) => key === '' || /^packages\/[^/]+$/.test(key),
  );
}

/** Every place that states the release version, as [label, version]. */
export function readVersions(root) {
  const versions = [];
  for (const path of workspaceManifests(root)) {
    const manifest = readJson(root, path);
    versions.push([`${path} version`, manifest.version]);
    versions.push(...internalDependencies(manifest, path));
  }
  versions.push(...internalDependencies(readJson(root, 'package.json'), 'package.json'));
  const lock = readJson(root, 'package-lock.json');
  for (const key of lockWorkspaceKeys(lock)) {
    const label = `package-lock.json packages["${key}"]`;
    if (key !== '') versions.push([`${label} version`, lock.packages[key].version]);
    versions.push(...internalDependencies(lock.packages[key], label));
  }
  for (const { path, pattern } of TEXT_VERSION_FILES) {
    const match = pattern.exec(readFileSync(join(root, path), 'utf8'));
    versions.push([path, match ? match[2] : undefined]);
  }
  return versions;
}

/** Writes `version` into every place `readVersions` reads. */
export function bumpVersion(root, version) {
  if (!SEMVER.test(version)) throw new Error(`not a version: ${version} (expected X.Y.Z)`);
  for (const path of workspaceManifests(root)) {
    const manifest = readJson(root, path);
    manifest.version = version;
    setInternalDependencies(manifest, version);
    writeJson(root, path, manifest);
  }
  const rootManifest = readJson(root, 'package.json');
  setInternalDependencies(rootManifest, version);
  writeJson(root, 'package.json', rootManifest);
  const lock = readJson(root, 'package-lock.json');
  for (const key of lockWorkspaceKeys(lock)) {
    if (key !== '') lock.packages[key].version = version;
    setInternalDependencies(lock.packages[key], version);
  }
  writeJson(root, 'package-lock.json', lock);
  for (const { path, pattern } of TEXT_VERSION_FILES) {
    const text = readFileSync(join(root, path), 'utf8');
    if (!pattern.test(text)) throw new Error(`${path}: no version found to bump`);
    writeFileSync(join(root, path), text.replace(pattern, `$1${version}$3`));
  }
}

/** The version most places state: what `--check` measures the others against. */
function commonVersion(root) {
  const counts = new Map();
  for (const [, found] of readVersions(root)) counts.set(found, (counts.get(found) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0][0];
}

/** Versions that differ from `expected` (or from the common one), as "label: version" lines. */
function disagreements(root, expected) {
  const versions = readVersions(root);
  const wanted = expected ?? commonVersion(root);
  return versions
    .filter(([, found]) => found !== wanted)
    .map(([label, found]) => `  ${label}: ${found}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [argument] = process.argv.slice(2);
  const root = resolve(fileURLToPath(import.meta.url), '../..');
  if (!argument) {
    console.error(
      'usage: node scripts/bump-version.mjs X.Y.Z   (or --check: do all versions agree?)',
    );
    process.exit(2);
  }
  if (argument !== '--check') bumpVersion(root, argument);
  const expected = argument === '--check' ? undefined : argument;
  const stale = disagreements(root, expected);
  if (stale.length > 0) {
    console.error(
      `versions disagree (expected ${expected ?? commonVersion(root)}):\n${stale.join('\n')}`,
    );
    process.exit(1);
  }
  const version = commonVersion(root);
  console.log(`every package, the lock file and the Python distribution say ${version}`);
}
