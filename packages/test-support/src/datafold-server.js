// Starts a real `datafold-server` process, the built binary of packages/server (what users run),
// on 127.0.0.1 and a free port. Every suite that talks to a server process and the examples
// harness start it here, so a change to how the server starts is made once.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';
import { watchStartup } from './watch-startup.js';

/** The built server entry point; `npm run build` makes it. */
export const SERVER_MAIN = fileURLToPath(new URL('../../server/dist/main.js', import.meta.url));

/** The plain line main.ts writes once `listen` resolves: from then on requests are answered. */
const LISTENING = 'datafold-server listening on ';

/** Tests send bursts from one address; 0 turns each limit off (docs/guides, configuration). */
const NO_RATE_LIMITS = {
  DATAFOLD_RATE_LIMIT_IP: '0',
  DATAFOLD_RATE_LIMIT_CLIENT: '0',
  DATAFOLD_RATE_LIMIT_FAILURES_IP: '0',
  DATAFOLD_RATE_LIMIT_REGISTER_IP: '0',
};

/**
 * Fails with the command that makes the server binary when it has not been built.
 *
 * @example
 *   beforeAll(() => assertServerBuilt());
 */
export function assertServerBuilt() {
  if (!existsSync(SERVER_MAIN)) {
    throw new Error(`${SERVER_MAIN} is missing: run npm run build first`);
  }
}

/**
 * Starts `datafold-server` and resolves once it prints that it is listening.
 *
 * Without `dataDir` the server gets a fresh temporary data directory that `stop()` removes; a
 * given directory is left alone, and `dataDir: false` passes none (DATABASE_URL in `env`).
 *
 * @example
 *   const server = await startDatafoldServer({ corsOrigins: ['http://127.0.0.1:8080'] });
 *   await fetch(`${server.url}/api/health`);
 *   await server.stop();
 * @param {import('./datafold-server.d.ts').StartServerOptions} [options]
 * @returns {Promise<import('./datafold-server.d.ts').DatafoldServer>}
 */
export async function startDatafoldServer(options = {}) {
  const { args = [], env = {}, rateLimits = false, startTimeoutMs = 30_000 } = options;
  assertServerBuilt();
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = ownsDataDir
    ? await mkdtemp(join(tmpdir(), 'datafold-server-'))
    : options.dataDir || undefined;
  const removeOwned = () =>
    ownsDataDir && dataDir ? rm(dataDir, { recursive: true, force: true }) : Promise.resolve();
  try {
    if (options.beforeStart && dataDir) await options.beforeStart(dataDir);
  } catch (error) {
    await removeOwned();
    throw error;
  }
  const port = await freePort();
  const argv = [SERVER_MAIN, '--port', String(port)];
  if (dataDir) argv.push('--data-dir', dataDir);
  argv.push('--log-level', 'warn');
  if (options.corsOrigins?.length) argv.push('--cors-origins', options.corsOrigins.join(','));
  if (options.allowUnprovenRegistration) argv.push('--allow-unproven-registration');
  argv.push(...args);
  const child = spawn(process.execPath, argv, {
    env: { ...process.env, ...(rateLimits ? {} : NO_RATE_LIMITS), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { output, exited, ready } = watchStartup(child, {
    name: 'datafold-server',
    marker: LISTENING,
    timeoutMs: startTimeoutMs,
  });
  try {
    await ready;
  } catch (error) {
    await removeOwned();
    throw error;
  }
  const scheme = args.includes('--tls-cert') ? 'https' : 'http';
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    dataDir,
    child,
    output,
    async stop(signal = 'SIGTERM') {
      let timer;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        if (options.killAfterMs !== undefined) {
          timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
        }
      }
      const code = await exited;
      clearTimeout(timer);
      await removeOwned();
      return code;
    },
  };
}
