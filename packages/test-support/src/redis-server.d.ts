import type { ChildProcess } from 'node:child_process';

/** A running redis-server without persistence. */
export interface RedisServer {
  port: number;
  /** `redis://127.0.0.1:<port>`, the value for REDIS_URL. */
  url: string;
  /** The process, for tests that take Redis away (`child.kill('SIGKILL')`). */
  child: ChildProcess;
  /** SIGTERM if it still runs, wait for the exit, remove its directory. */
  stop(): Promise<void>;
}

/**
 * Starts redis-server on 127.0.0.1 and a free port; resolves once it accepts connections.
 *
 * @example
 *   const redis = await startRedisServer();
 *   await redis.stop();
 */
export function startRedisServer(options?: { startTimeoutMs?: number }): Promise<RedisServer>;
