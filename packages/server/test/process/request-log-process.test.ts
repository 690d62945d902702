import { startDatafoldServer, type DatafoldServer } from '@datafold/test-support';
import { afterEach, describe, expect, it } from 'vitest';

/** The `request completed` lines a process has written to stdout so far, parsed. */
function requestLines(server: DatafoldServer): Array<Record<string, unknown>> {
  return server
    .output()
    .split('\n')
    .filter((line) => line.includes('"request completed"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the request log of a real datafold-server process at the default level', () => {
  let server: DatafoldServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('writes one whole line per request, with the id its answer carried, and flushes at shutdown', async () => {
    server = await startDatafoldServer({ args: ['--log-level', 'info'] });
    const ids = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const res = await fetch(`${server!.url}/api/crypto/keys/status/nobody-${i}`);
        await res.arrayBuffer();
        expect(res.status).toBe(404);
        return res.headers.get('x-request-id');
      }),
    );
    expect(await server.stop()).toBe(0);
    const lines = requestLines(server);
    expect(lines.map((l) => l.reqId).sort()).toEqual([...ids].sort());
    for (const line of lines) {
      expect(line).toMatchObject({
        level: 30,
        method: 'GET',
        route: '/api/crypto/keys/status/:client_id',
        status: 404,
      });
    }
    // Lines written while the server shut down reached stdout before it exited.
    expect(server.output()).toContain('shutting down');
    server = undefined;
  });
});
