// Header, body and idle timeouts of a real datafold-server process, over real sockets, in plain
// HTTP and over TLS. What is asserted is behaviour, never how long anything took: the server
// closes what stalls, answers it 408 in the envelope, and keeps answering /api/health meanwhile.
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as netConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { startDatafoldServer, type DatafoldServer } from '@datafold/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeSelfSignedCert } from '../helpers/self-signed-cert.js';

/** A connection the test opened and will never close itself: only the server can. */
interface Held {
  socket: Socket;
  /** Resolves with everything the server sent once the server has closed the connection. */
  closed: Promise<string>;
}

function hold(socket: Socket): Held {
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
  socket.on('error', () => undefined); // a reset is a close too
  return { socket, closed: new Promise((resolve) => socket.once('close', () => resolve(answer))) };
}

/** Opens a plain connection and sends `bytes` (nothing when empty). */
function openPlain(port: number, bytes: string): Promise<Held> {
  return new Promise((resolve, reject) => {
    const socket = netConnect(port, '127.0.0.1', () => {
      if (bytes) socket.write(bytes);
      resolve(held);
    });
    const held = hold(socket);
    socket.once('error', reject);
  });
}

/** Opens a TLS connection (handshake done) and sends `bytes`. */
function openTls(port: number, bytes: string): Promise<Held> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ port, host: '127.0.0.1', rejectUnauthorized: false }, () => {
      socket.write(bytes);
      resolve(held);
    });
    const held = hold(socket);
    socket.once('error', reject);
  });
}

/** GET `path` on a fresh connection; resolves with the status. */
function getStatus(server: DatafoldServer, path: string): Promise<number> {
  const request = server.url.startsWith('https') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}${path}`,
      { rejectUnauthorized: false, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.once('error', reject);
    req.end();
  });
}

/** A request whose headers never end: the blank line is missing. */
const PARTIAL_HEADERS = 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n';

function expectTimedOut(answer: string): void {
  expect(answer.startsWith('HTTP/1.1 408 ')).toBe(true);
  const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as {
    success: boolean;
    error: { code: string };
  };
  expect(body).toMatchObject({ success: false, error: { code: 'REQUEST_TIMEOUT' } });
}

describe('connection timeouts (HTTP)', () => {
  let server: DatafoldServer | undefined;
  afterEach(async () => {
    await server?.stop('SIGKILL');
    server = undefined;
  });

  it('closes 1,000 connections stalled in their headers while /api/health keeps answering', async () => {
    server = await startDatafoldServer({ args: ['--header-timeout', '2s'] });
    const stalled: Held[] = [];
    // In waves, so the listen backlog never drops a connection attempt.
    for (let wave = 0; wave < 10; wave++) {
      const opened = await Promise.all(
        Array.from({ length: 100 }, () => openPlain(server!.port, PARTIAL_HEADERS)),
      );
      stalled.push(...opened);
    }
    let closedCount = 0;
    const allClosed = Promise.all(
      stalled.map((s) => s.closed.then((answer) => (closedCount++, answer))),
    );
    // Health answers while the stalled connections are held, and until the last one is closed.
    const healthStatuses: number[] = [];
    let openAtFirstHealth = -1;
    let done = false;
    void allClosed.then(() => (done = true));
    while (!done) {
      const status = await getStatus(server, '/api/health');
      if (openAtFirstHealth < 0) openAtFirstHealth = stalled.length - closedCount;
      healthStatuses.push(status);
    }
    const answers = await allClosed;
    expect(openAtFirstHealth).toBeGreaterThan(0);
    expect(healthStatuses.length).toBeGreaterThan(0);
    expect(healthStatuses.every((s) => s === 200)).toBe(true);
    // Every one was closed by the server, with a 408 in the envelope first.
    expect(answers).toHaveLength(1000);
    for (const answer of answers) expectTimedOut(answer);
    expect(await getStatus(server, '/api/health')).toBe(200);
  });

  it('closes a connection that sends nothing at all', async () => {
    server = await startDatafoldServer({ args: ['--header-timeout', '500ms'] });
    const silent = await openPlain(server.port, '');
    expectTimedOut(await silent.closed);
  });

  it('closes a request whose body stops arriving, after the body timeout', async () => {
    server = await startDatafoldServer({
      args: ['--header-timeout', '500ms', '--body-timeout', '1s'],
    });
    const body = '{"client_id":"slow","public_key":"';
    const slow = await openPlain(
      server.port,
      'POST /api/crypto/keys/register HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
        `Content-Type: application/json\r\nContent-Length: ${body.length + 100}\r\n\r\n${body}`,
    );
    expectTimedOut(await slow.closed);
  });

  it('closes a kept-alive connection once it has been idle for the idle timeout', async () => {
    server = await startDatafoldServer({ args: ['--idle-timeout', '1s'] });
    const idle = await openPlain(
      server.port,
      'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n',
    );
    const answer = await idle.closed;
    // One complete answer, then the server closed the connection on its own.
    expect(answer.startsWith('HTTP/1.1 200 ')).toBe(true);
    expect(answer.match(/HTTP\/1\.1 /g)).toHaveLength(1);
  });

  it('answers headers larger than it accepts with 431 HEADERS_TOO_LARGE in the envelope', async () => {
    server = await startDatafoldServer();
    const big = await openPlain(
      server.port,
      `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    const answer = await big.closed;
    expect(answer.startsWith('HTTP/1.1 431 ')).toBe(true);
    expect(answer).toContain('"code":"HEADERS_TOO_LARGE"');
  });
});

describe('connection timeouts (TLS)', () => {
  let dir: string;
  let server: DatafoldServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'datafold-timeouts-tls-'));
    writeSelfSignedCert(dir);
    server = await startDatafoldServer({
      args: [
        '--tls-cert',
        join(dir, 'cert.pem'),
        '--tls-key',
        join(dir, 'key.pem'),
        '--header-timeout',
        '1s',
      ],
    });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves HTTPS and closes a request stalled in its headers with 408', async () => {
    expect(await getStatus(server, '/api/health')).toBe(200);
    const stalled = await openTls(server.port, PARTIAL_HEADERS);
    expect(await getStatus(server, '/api/health')).toBe(200);
    expectTimedOut(await stalled.closed);
  });

  it('closes a connection that never starts its TLS handshake', async () => {
    const silent = await openPlain(server.port, '');
    // Nothing to answer in: no TLS session was made. The server closed it all the same.
    expect(await silent.closed).toBe('');
  });
});
