import type { ChildProcess } from 'node:child_process';

/** The built server entry point (packages/server/dist/main.js); `npm run build` makes it. */
export const SERVER_MAIN: string;

/**
 * Fails with the command that makes the server binary when it has not been built.
 *
 * @example
 *   assertServerBuilt();
 */
export function assertServerBuilt(): void;

export interface StartServerOptions {
  /**
   * The server's data directory. Omitted: a fresh temporary one that `stop()` removes. A path:
   * used and left in place. `false`: no `--data-dir` (storage comes from `env`, e.g. DATABASE_URL).
   */
  dataDir?: string | false;
  /** Runs on the data directory before the server starts (e.g. creating admin tokens). */
  beforeStart?: (dataDir: string) => Promise<void>;
  /** `--cors-origins`, joined with commas. */
  corsOrigins?: string[];
  /**
   * `--allow-unproven-registration`: accept registrations without proof of possession, as
   * existing DataFold clients send them (the server requires proofs by default).
   */
  allowUnprovenRegistration?: boolean;
  /** More command-line arguments, after the port, data directory and log level. */
  args?: string[];
  /** Added to (and overriding) the inherited environment. */
  env?: Record<string, string>;
  /** Keep the server's own rate limits; by default both are turned off for tests. */
  rateLimits?: boolean;
  /** How long to wait for the "listening" line (default 30 s). */
  startTimeoutMs?: number;
  /** After stop()'s signal, SIGKILL if the process is still running this long after. */
  killAfterMs?: number;
}

/** A running `datafold-server` process. */
export interface DatafoldServer {
  /** `http://127.0.0.1:<port>` (`https` when `args` has `--tls-cert`). */
  url: string;
  port: number;
  /** The data directory passed, if any. */
  dataDir: string | undefined;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /**
   * Sends `signal` (default SIGTERM) if it still runs, waits for the exit, removes a temporary
   * data directory, and resolves with the exit code (null after a signal kill).
   */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `datafold-server` on 127.0.0.1 and a free port; resolves once it is listening.
 *
 * @example
 *   const server = await startDatafoldServer({ corsOrigins: ['http://127.0.0.1:8080'] });
 *   await fetch(`${server.url}/api/health`);
 *   await server.stop();
 */
export function startDatafoldServer(options?: StartServerOptions): Promise<DatafoldServer>;
