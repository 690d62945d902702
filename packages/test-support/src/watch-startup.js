// How the helpers know a process they started is ready: it prints a known line. Waiting on its
// own output (no polling) also catches a process that exits or never spawns, with what it said.

/**
 * Collects a child's stdout and stderr and resolves `ready` once `marker` appears. On an early
 * exit, a spawn error or the time limit, `ready` rejects with the output after the process is
 * SIGKILLed and gone, so the caller only has its own files to remove.
 *
 * @example
 *   const { output, ready } = watchStartup(child, { name: 'redis-server', marker: 'Ready' });
 *   await ready;
 * @param {import('node:child_process').ChildProcess} child
 * @param {{ name: string; marker: string; timeoutMs: number; hint?: string }} options
 * @returns {{ output: () => string; exited: Promise<number | null>; ready: Promise<void> }}
 */
export function watchStartup(child, { name, marker, timeoutMs, hint = '' }) {
  let out = '';
  // Registered now: a process that exits before anyone waits emits no later 'exit'.
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  const started = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start in ${timeoutMs} ms:\n${out}`)),
      timeoutMs,
    );
    const collect = (chunk) => {
      out += chunk.toString();
      if (out.includes(marker)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${name}: ${error.message}${hint}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited early with ${code ?? signal}:\n${out}`));
    });
  });
  const ready = started.catch(async (error) => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    // A process that never spawned emits no 'exit'.
    if (child.pid !== undefined) await exited;
    throw error;
  });
  return { output: () => out, exited, ready };
}
