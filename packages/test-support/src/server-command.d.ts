/** What a one-shot server command printed, and its exit code. */
export interface ServerCommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `datafold-server <args>` to completion with `env` added to the inherited environment.
 *
 * @example
 *   const { code, stdout } = await runServerCommand(['audit', 'verify', '--data-dir', dir]);
 */
export function runServerCommand(
  args: string[],
  env?: Record<string, string>,
): Promise<ServerCommandResult>;

/**
 * Creates an admin or auditor token in a SQLite data directory (`datafold-server token create`).
 *
 * @example
 *   const adminToken = await createToken(dataDir, 'admin');
 */
export function createToken(dataDir: string, role: 'admin' | 'auditor'): Promise<string>;
