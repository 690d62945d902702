// Starts a real `datafold-server` (the built binary of packages/server) on 127.0.0.1 and a free
// port, with its SQLite database in a fresh temp directory. Shared by the Node and Chromium suites.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERVER_MAIN = fileURLToPath(
  new URL('../../../../server/dist/main.js', import.meta.url),
);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface RunningServer {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Options: allowed CORS origins, require proof of possession. */
export async function startDatafoldServer(
  options: { corsOrigins?: string[]; requireProof?: boolean } = {},
): Promise<RunningServer> {
  if (!existsSync(SERVER_MAIN)) {
    throw new Error(`${SERVER_MAIN} is missing: run npm run build first`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'datafold-server-'));
  const port = await freePort();
  const args = [SERVER_MAIN, '--port', String(port), '--data-dir', dataDir, '--log-level', 'warn'];
  if (options.corsOrigins?.length) args.push('--cors-origins', options.corsOrigins.join(','));
  if (options.requireProof) args.push('--require-proof');
  const child = spawn(process.execPath, args, {
    env: { ...process.env, DATAFOLD_RATE_LIMIT_IP: '0', DATAFOLD_RATE_LIMIT_CLIENT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`datafold-server exited early: ${out}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`datafold-server did not start: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
