// A throwaway redis-server on 127.0.0.1 and a free port, without persistence, in a temporary
// directory removed on stop: the shared rate-limit store of the multi-instance setups.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

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
  let out = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`redis-server did not start in ${startTimeoutMs} ms:\n${out}`)),
        startTimeoutMs,
      );
      const collect = (chunk) => {
        out += chunk.toString();
        if (out.includes(READY)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(
          new Error(
            `redis-server: ${error.message} (install it with apt-get install redis-server)`,
          ),
        );
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited early with ${code ?? signal}:\n${out}`));
      });
    });
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (child.pid !== undefined) await exited;
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
