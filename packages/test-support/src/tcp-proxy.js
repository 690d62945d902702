// A TCP proxy on 127.0.0.1 in front of a server, for network faults that a real network has and
// loopback does not: `freeze()` stops forwarding in both directions while keeping every socket
// open (packets dropped, no RST: what a cut cable or a dead switch looks like), `thaw()` resumes.
import { connect, createServer } from 'node:net';

/**
 * Starts a proxy to `targetPort` on 127.0.0.1.
 *
 * @example
 *   const proxy = await startTcpProxy(cluster.port);
 *   proxy.freeze();  // connections hang, new ones are accepted and hang too
 *   proxy.thaw();
 *   await proxy.close();
 * @param {number} targetPort
 * @returns {Promise<import('./tcp-proxy.d.ts').TcpProxy>}
 */
export async function startTcpProxy(targetPort) {
  let frozen = false;
  /** @type {Set<{ client: import('node:net').Socket; upstream: import('node:net').Socket }>} */
  const pairs = new Set();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    const pair = { client, upstream };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    // Data read while frozen is dropped, as a cut network drops packets.
    client.on('data', (chunk) => frozen || upstream.write(chunk));
    upstream.on('data', (chunk) => frozen || client.write(chunk));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    freeze() {
      frozen = true;
    },
    thaw() {
      frozen = false;
    },
    close() {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
