// A throwaway redis-server on 127.0.0.1 and a free port, without persistence, in a temporary
// directory removed on stop: the shared rate-limit store of the multi-instance setups.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { watchStartup } from './watch-startup.js';

/** The line redis-server logs once it accepts clients (Redis 6 and 7). */
const READY = 'Ready to accept connections';

/**
 * Starts redis-server and resolves once it accepts connections.
 *
 * @example
 *   const redis = await startRedisServer();
 *   process.env.REDIS_URL = redis.url;
 *   redis.child.kill('SIGKILL'); // Redis gone: the server must fail open
 *   await redis.stop();
 * @param {{ startTimeoutMs?: number }} [options]
 * @returns {Promise<import('./redis-server.d.ts').RedisServer>}
 */
export async function startRedisServer({ startTimeoutMs = 10_000 } = {}) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'datafold-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn('redis-server', [...args, '--dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { exited, ready } = watchStartup(child, {
    name: 'redis-server',
    marker: READY,
    timeoutMs: startTimeoutMs,
    hint: ' (install it with apt-get install redis-server)',
  });
  try {
    await ready;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
