// Runs the server binary's one-shot commands (`token create`, `audit verify`, bad flags) to
// completion, the way an operator does, for the suites and the examples harness.
import { spawn } from 'node:child_process';
import { assertServerBuilt, SERVER_MAIN } from './datafold-server.js';

/**
 * Runs `datafold-server <args>` to completion with `env` added to the inherited environment.
 *
 * @example
 *   const { code, stdout } = await runServerCommand(['audit', 'verify', '--data-dir', dir]);
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 * @returns {Promise<{ code: number | null; stdout: string; stderr: string }>}
 */
export function runServerCommand(args, env = {}) {
  assertServerBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVER_MAIN, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d.toString()));
    child.stderr.on('data', (d) => (stderr += d.toString()));
    child.once('error', reject);
    // 'close', not 'exit': the output streams may still hold the last lines at 'exit'.
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Creates an admin or auditor token in a SQLite data directory with `datafold-server token
 * create` and returns it (`dfk_…`, shown once).
 *
 * @example
 *   const adminToken = await createToken(dataDir, 'admin');
 * @param {string} dataDir
 * @param {'admin' | 'auditor'} role
 * @returns {Promise<string>}
 */
export async function createToken(dataDir, role) {
  const { code, stdout, stderr } = await runServerCommand([
    'token',
    'create',
    '--role',
    role,
    '--data-dir',
    dataDir,
  ]);
  const token = /^dfk_\S+$/m.exec(stdout)?.[0];
  if (code !== 0 || !token) {
    throw new Error(`token create exited with ${code} and printed no token:\n${stdout}${stderr}`);
  }
  return token;
}
