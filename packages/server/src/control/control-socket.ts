import { chmodSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { DataFoldError, isDataFoldError } from '@datafold/js-sdk';

/**
 * The local control channel of a SQLite server. The server holds its data directory alone
 * (data-dir-lock.ts), so a one-shot command that must use it (`token create|list|revoke`) asks
 * the running server to do it through this Unix socket instead of opening the database beside it.
 * Access is the file system's: the socket is 0600 in the 0700 data directory, so only the user
 * who can already open the database file can use it.
 */
export const CONTROL_SOCKET = 'datafold.sock';

/** Unix socket paths are limited to about 108 bytes (sun_path); longer ones cannot be bound. */
const MAX_SOCKET_PATH = 100;
/** One request is one JSON line; nothing legitimate comes near this. */
const MAX_REQUEST_BYTES = 4096;
/** A connection that sends no complete request within this is closed. */
const IDLE_MS = 5_000;

/** A request: the command name and its arguments. */
export interface ControlRequest {
  command: string;
  [argument: string]: unknown;
}

/** What a handler returns is sent back as `{ ok: true, result }`. */
export type ControlHandlers = Record<string, (request: ControlRequest) => Promise<unknown>>;

type ControlAnswer = { ok: true; result: unknown } | { ok: false; code: string; message: string };

/** The socket path of a data directory, or null when it is too long to bind. */
export function controlSocketPath(dataDir: string): string | null {
  const path = join(dataDir, CONTROL_SOCKET);
  return Buffer.byteLength(path) <= MAX_SOCKET_PATH ? path : null;
}

async function answer(handlers: ControlHandlers, line: string): Promise<ControlAnswer> {
  let request: ControlRequest;
  try {
    request = JSON.parse(line) as ControlRequest;
  } catch {
    return { ok: false, code: 'INVALID_REQUEST', message: 'send one JSON object per line' };
  }
  const handler =
    typeof request?.command === 'string' && Object.hasOwn(handlers, request.command)
      ? handlers[request.command]
      : undefined;
  if (!handler) {
    return { ok: false, code: 'INVALID_REQUEST', message: 'unknown control command' };
  }
  try {
    return { ok: true, result: await handler(request) };
  } catch (error) {
    if (isDataFoldError(error)) return { ok: false, code: error.code, message: error.message };
    return {
      ok: false,
      code: 'INTERNAL_ERROR',
      message: 'the server could not do it; see its log',
    };
  }
}

/**
 * Listens on the data directory's control socket. Call only while holding the directory's lock:
 * a socket file found there is then a crashed holder's leftover and is replaced.
 *
 * @example
 * const control = await listenControlSocket(dataDir, { 'token.create': (r) => create(r) });
 * await control?.close();
 */
export async function listenControlSocket(
  dataDir: string,
  handlers: ControlHandlers,
): Promise<{ path: string; close(): Promise<void> } | null> {
  const path = controlSocketPath(dataDir);
  if (!path) return null;
  rmSync(path, { force: true });
  const server: Server = createServer((socket) => {
    let buffered = '';
    socket.setTimeout(IDLE_MS, () => socket.destroy());
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      const end = buffered.indexOf('\n');
      if (end < 0) {
        if (buffered.length > MAX_REQUEST_BYTES) socket.destroy();
        return;
      }
      socket.removeAllListeners('data');
      void answer(handlers, buffered.slice(0, end)).then((reply) =>
        socket.end(`${JSON.stringify(reply)}\n`),
      );
    });
  });
  // The socket is created by bind(); a umask of 0177 makes it 0600 from its first moment.
  const umask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } finally {
    process.umask(umask);
  }
  chmodSync(path, 0o600);
  return {
    path,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        rmSync(path, { force: true });
      }),
  };
}

/**
 * Sends one command to the server that holds `dataDir` and returns its result. Rejects with
 * the server's coded error, or with a plain Error when no server answers on the socket.
 *
 * @example
 * const { token } = await sendControlCommand(dir, { command: 'token.create', role: 'admin' });
 */
export function sendControlCommand<T>(dataDir: string, request: ControlRequest): Promise<T> {
  const path = controlSocketPath(dataDir);
  if (!path) return Promise.reject(new Error('the data directory path is too long for a socket'));
  return new Promise<T>((resolve, reject) => {
    const socket = createConnection(path);
    let reply = '';
    socket.setTimeout(10_000, () => socket.destroy(new Error('the server did not answer')));
    socket.on('connect', () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on('data', (chunk) => (reply += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('end', () => {
      try {
        const parsed = JSON.parse(reply) as ControlAnswer;
        if (parsed.ok) resolve(parsed.result as T);
        else reject(new DataFoldError(parsed.code as 'INVALID_REQUEST', parsed.message));
      } catch {
        reject(new Error('the server sent no answer'));
      }
    });
  });
}
