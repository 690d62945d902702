// What every example run needs: a real datafold-server on a free loopback port with its own data
// directory, a temporary HOME and working directory, `datafold_cli` and `datafold-server` on PATH
// as users have them, and clean-up afterwards. The examples themselves read only the environment
// (DATAFOLD_SERVER_URL, DATAFOLD_DATA_DIR, HOME), so they run unchanged against any server.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SERVER_MAIN = join(ROOT, 'packages/server/dist/main.js');
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

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Polls a URL until it answers 200 or the deadline passes. */
export async function waitForHealth(url, child, output, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) {
      throw new Error(`process exited with ${child.exitCode} before ${url} answered:\n${output()}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts `datafold-server` with its own data directory (or the environment's DATABASE_URL).
 * Returns its URL and a stop function that sends SIGTERM and waits.
 */
export async function startServer({ dataDir, args = [], env = {} } = {}) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [SERVER_MAIN, '--port', String(port), '--data-dir', dataDir, '--log-level', 'warn', ...args],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const scheme = args.includes('--tls-cert') ? 'https' : 'http';
  const url = `${scheme}://127.0.0.1:${port}`;
  if (scheme === 'http') await waitForHealth(`${url}/api/health`, child, () => out);
  return {
    url,
    port,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
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

/** An admin or auditor token for a SQLite data directory, made the way operators make one. */
export function createToken(dataDir, role) {
  return execFileSync(
    process.execPath,
    [SERVER_MAIN, 'token', 'create', '--role', role, '--data-dir', dataDir],
    { encoding: 'utf8' },
  ).trim();
}
