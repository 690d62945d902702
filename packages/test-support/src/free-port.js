// The one way every suite and the examples harness picks a loopback port for a process it starts.
import { createServer } from 'node:net';

/**
 * A TCP port on 127.0.0.1 that was free a moment ago: the kernel picks it (bind to port 0), and
 * the probe closes before the port is handed on, so a later bind can still lose a race.
 *
 * @example
 *   const port = await freePort();
 *   spawn('redis-server', ['--port', String(port)]);
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
