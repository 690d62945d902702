// What every example run needs besides its server (@datafold/test-support starts that): a
// temporary HOME and working directory, `datafold_cli` and `datafold-server` on PATH as users have
// them, and clean-up afterwards. The examples themselves read only the environment
// (DATAFOLD_SERVER_URL, DATAFOLD_DATA_DIR, HOME), so they run unchanged against any server.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_MAIN } from '@datafold/test-support';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI_BIN = join(ROOT, 'packages/cli/bin/datafold_cli.js');
export const SDK_DIST = join(ROOT, 'packages/sdk/dist/index.js');
export const VENV_BIN = join(ROOT, 'python/.venv/bin');

/** A passphrase that passes every face's strength rule; examples read it from the environment. */
export const PASSPHRASE = 'correct horse battery staple';

/** Fails early, naming the command that makes what is missing. */
export function assertPrerequisites({ python = false } = {}) {
  for (const [path, fix] of [
    [SERVER_MAIN, 'npm run build'],
    [SDK_DIST, 'npm run build'],
  ]) {
    if (!existsSync(path)) throw new Error(`${path} is missing: run ${fix} first`);
  }
  if (python && !existsSync(join(VENV_BIN, 'python'))) {
    throw new Error('python/.venv is missing: run scripts/test-python.sh first');
  }
}

/**
 * A temporary workspace: `home/` (HOME for the CLI and the Python SDK), `work/` (the working
 * directory), `data/` (the server's), and `bin/` with `datafold_cli` and `datafold-server`
 * launchers placed first on PATH, followed by the Python SDK's virtual environment.
 */
export async function createWorkspace() {
  const dir = await mkdtemp(join(tmpdir(), 'datafold-example-'));
  const paths = {
    dir,
    home: join(dir, 'home'),
    work: join(dir, 'work'),
    data: join(dir, 'data'),
    bin: join(dir, 'bin'),
  };
  for (const p of [paths.home, paths.work, paths.data, paths.bin]) mkdirSync(p, { mode: 0o700 });
  for (const [name, target] of [
    ['datafold_cli', CLI_BIN],
    ['datafold-server', SERVER_MAIN],
  ]) {
    const launcher = join(paths.bin, name);
    writeFileSync(launcher, `#!/bin/sh\nexec "${process.execPath}" "${target}" "$@"\n`);
    chmodSync(launcher, 0o755);
  }
  const env = {
    ...process.env,
    HOME: paths.home,
    PATH: [paths.bin, VENV_BIN, process.env.PATH].join(delimiter),
    NO_COLOR: '1',
  };
  // Settings of the environment this runs in must not leak into the examples.
  const leaks = /^(DATAFOLD_\w+|DATABASE_URL|REDIS_URL|XDG_\w+)$/;
  for (const name of Object.keys(env)) if (leaks.test(name)) delete env[name];
  Object.assign(env, { DATAFOLD_PASSPHRASE: PASSPHRASE, DATAFOLD_DATA_DIR: paths.data });
  return {
    ...paths,
    env,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Runs one example file to completion with a time limit; rejects with its output on failure. */
export function runExample(file, { cwd, env, timeoutMs = 120_000, args = [] }) {
  const path = join(ROOT, file);
  const [command, commandArgs] = file.endsWith('.py')
    ? [join(VENV_BIN, 'python'), [path, ...args]]
    : file.endsWith('.sh')
      ? ['bash', [path, ...args]]
      : [process.execPath, [path, ...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    // The whole process group, so servers an example starts die with it on a timeout.
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else {
        reject(
          new Error(
            `${file} exited with ${code ?? signal}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`,
          ),
        );
      }
    });
  });
}
