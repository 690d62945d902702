import { spawn, execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
/** The built server binary and dashboard: the tests run what users run (`npm run build`). */
const MAIN = join(ROOT, 'packages/server/dist/main.js');
const DASHBOARD_INDEX = join(ROOT, 'packages/dashboard/dist/index.html');

/** Where screenshots go (git-ignored), for a reviewer to look at. */
export const SCREENSHOTS = join(ROOT, 'test-output/dashboard');

/** A `datafold-server` process on a free port with a fresh SQLite directory and two tokens. */
export interface DashboardServer {
  url: string;
  adminToken: string;
  auditorToken: string;
  output(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function createToken(dataDir: string, role: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [
    MAIN,
    'token',
    'create',
    '--role',
    role,
    '--data-dir',
    dataDir,
  ]);
  const token = /^dfk_\S+$/m.exec(stdout)?.[0];
  if (!token) throw new Error(`no token in: ${stdout}`);
  return token;
}

/**
 * Starts the server the way `./scripts/start.sh` does (plus a free port and a temp data dir),
 * after creating an admin and an auditor token with `datafold-server token create`.
 */
export async function startDashboardServer(): Promise<DashboardServer> {
  for (const file of [MAIN, DASHBOARD_INDEX]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  }
  await mkdir(SCREENSHOTS, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'datafold-dashboard-'));
  const adminToken = await createToken(dataDir, 'admin');
  const auditorToken = await createToken(dataDir, 'auditor');
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [MAIN, '--port', String(port), '--data-dir', dataDir, '--log-level', 'warn'],
    {
      env: { ...process.env, DATAFOLD_RATE_LIMIT_IP: '0', DATAFOLD_RATE_LIMIT_CLIENT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early: ${out}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    adminToken,
    auditorToken,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
