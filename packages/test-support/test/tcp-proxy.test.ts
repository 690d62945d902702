// The network-fault proxy the database fault suites rely on: it forwards, and a freeze drops
// traffic both ways without closing or resetting anything.
import { createServer, connect, type Socket } from 'node:net';
import { startTcpProxy } from '@datafold/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let echo: ReturnType<typeof createServer>;
let echoPort = 0;
beforeAll(async () => {
  echo = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoPort = (echo.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => echo.close(() => resolve())));

function roundTrip(socket: Socket, text: string, waitMs: number): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    const onData = (d: Buffer) => (got += d.toString());
    socket.on('data', onData);
    socket.write(text);
    setTimeout(() => {
      socket.off('data', onData);
      resolve(got);
    }, waitMs);
  });
}

describe('startTcpProxy', () => {
  it('forwards both ways, drops everything while frozen without closing, and forwards again', async () => {
    const proxy = await startTcpProxy(echoPort);
    const socket = connect(proxy.port, '127.0.0.1');
    let closed = false;
    socket.on('close', () => (closed = true));
    await new Promise((resolve) => socket.once('connect', resolve));
    expect(await roundTrip(socket, 'one', 200)).toBe('one');
    proxy.freeze();
    expect(await roundTrip(socket, 'lost', 300)).toBe('');
    expect(closed).toBe(false);
    proxy.thaw();
    expect(await roundTrip(socket, 'three', 200)).toBe('three');
    socket.destroy();
    await proxy.close();
  });
});
