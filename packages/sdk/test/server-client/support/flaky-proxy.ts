// A small HTTP server in front of a real datafold-server: it answers the first requests itself
// with the failures a test scripts (503, 429 with Retry-After, a dropped connection, silence),
// then forwards everything to the real server. It counts what it saw.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Failure =
  { status: number; retryAfter?: string; body?: string } | { drop: true } | { hang: true };

export interface FlakyProxy {
  url: string;
  /** Every request received, in order: method and path. */
  seen: string[];
  close(): Promise<void>;
}

export async function startFlakyProxy(target: string, failures: Failure[]): Promise<FlakyProxy> {
  const queue = [...failures];
  const seen: string[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    seen.push(`${request.method} ${request.url}`);
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      // Preflights always reach the real server (its CORS answer); failures hit real requests.
      const failure = request.method === 'OPTIONS' ? undefined : queue.shift();
      const origin = request.headers.origin;
      const cors: Record<string, string> =
        typeof origin === 'string'
          ? {
              'access-control-allow-origin': origin,
              'access-control-expose-headers': 'Retry-After',
            }
          : {};
      if (failure !== undefined) {
        if ('drop' in failure) {
          request.socket.destroy();
        } else if ('hang' in failure) {
          hanging.add(response);
        } else {
          response.writeHead(failure.status, {
            ...cors,
            'content-type': 'application/json',
            ...(failure.retryAfter === undefined ? {} : { 'retry-after': failure.retryAfter }),
          });
          response.end(
            failure.body ??
              JSON.stringify({
                success: false,
                error: {
                  code: failure.status === 429 ? 'RATE_LIMITED' : 'SERVICE_UNAVAILABLE',
                  message: 'scripted failure',
                  details: {},
                },
              }),
          );
        }
        return;
      }
      const headers: Record<string, string> = {};
      for (const name of [
        'content-type',
        'authorization',
        'origin',
        'access-control-request-method',
        'access-control-request-headers',
      ]) {
        const value = request.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      fetch(`${target}${request.url}`, {
        method: request.method,
        headers,
        ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
        redirect: 'manual',
      }).then(
        async (answer) => {
          const out: Record<string, string> = {};
          answer.headers.forEach((value, name) => {
            if (name !== 'content-length' && name !== 'content-encoding') out[name] = value;
          });
          response.writeHead(answer.status, out);
          response.end(Buffer.from(await answer.arrayBuffer()));
        },
        () => response.writeHead(502).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hanging) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
