// scripts/bump-version.mjs: the one command that moves every package, the lock file and the Python
// distribution to a new version together. It runs on a temporary copy of the files it edits, so the
// repository is never touched.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const COPIED = [
  'scripts/bump-version.mjs',
  'package.json',
  'package-lock.json',
  'python/pyproject.toml',
  'python/src/datafold_sdk/__init__.py',
  'packages/cli/src/cli/version.ts',
  ...['cli', 'dashboard', 'sdk', 'server', 'test-support'].map(
    (name) => `packages/${name}/package.json`,
  ),
];

const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function copyOfRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'datafold-bump-'));
  copies.push(dir);
  for (const path of COPIED) cpSync(join(repoRoot, path), join(dir, path));
  return dir;
}

function run(root: string, ...args: string[]): string {
  return execFileSync(process.execPath, [join(root, 'scripts/bump-version.mjs'), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');
const json = (root: string, path: string) =>
  JSON.parse(read(root, path)) as {
    version?: string;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
    packages: Record<string, { version?: string; dependencies?: Record<string, string> }>;
  };

describe('bump-version', () => {
  it('finds every version of the repository in agreement today', () => {
    expect(run(repoRoot, '--check')).toMatch(/say \d+\.\d+\.\d+/);
  });

  it('moves every package, internal dependency, lock entry and version constant together', () => {
    const root = copyOfRepository();
    expect(run(root, '7.8.9')).toContain('say 7.8.9');
    expect(run(root, '--check')).toContain('say 7.8.9');

    expect(json(root, 'packages/server/package.json').version).toBe('7.8.9');
    expect(json(root, 'packages/server/package.json').dependencies?.['@datafold/js-sdk']).toBe(
      '7.8.9',
    );
    expect(
      json(root, 'packages/cli/package.json').devDependencies?.['@datafold/test-support'],
    ).toBe('7.8.9');
    expect(json(root, 'package.json').devDependencies?.['@datafold/test-support']).toBe('7.8.9');
    const lock = json(root, 'package-lock.json');
    expect(lock.packages['packages/sdk']?.version).toBe('7.8.9');
    expect(lock.packages['packages/cli']?.dependencies?.['@datafold/js-sdk']).toBe('7.8.9');
    expect(read(root, 'python/pyproject.toml')).toMatch(/^version = "7\.8\.9"$/m);
    expect(read(root, 'python/src/datafold_sdk/__init__.py')).toMatch(/^__version__ = "7\.8\.9"$/m);
    expect(read(root, 'packages/cli/src/cli/version.ts')).toContain("CLI_VERSION = '7.8.9'");
    // Only version strings change: bumping back restores the files byte for byte.
    run(root, json(repoRoot, 'packages/sdk/package.json').version!);
    for (const path of COPIED) expect(read(root, path), path).toBe(read(repoRoot, path));
  });

  it('refuses something that is not a version and reports a disagreement', () => {
    const root = copyOfRepository();
    expect(() => run(root, 'latest')).toThrow(/not a version/);
    const manifest = read(root, 'packages/cli/package.json').replace(
      /"version": "[^"]+"/,
      '"version": "0.0.1"',
    );
    writeFileSync(join(root, 'packages/cli/package.json'), manifest);
    expect(() => run(root, '--check')).toThrow(/packages\/cli\/package\.json version: 0\.0\.1/);
  });
});
