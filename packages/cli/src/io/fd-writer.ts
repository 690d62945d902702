/// <reference types="node" />
import { fstatSync, statSync, writeSync } from 'node:fs';

// process.stdout and process.stderr are streams that node builds on first use: on a pipe that
// loads net and the stream machinery, on a terminal tty as well (some 28 modules), which costs a
// short command more than its own work. The CLI writes a few lines, so it writes them to the
// descriptor directly, synchronously, as node itself does for files and pipes on Linux.

const EAGAIN_PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * Whether a descriptor is a terminal. Pipes, files and /dev/null are told apart by stat; only
 * another character device is asked of node:tty, which loads net on its way.
 *
 * @example
 * if (isTerminal(0) && isTerminal(2)) askForThePassphrase();
 */
export function isTerminal(fd: number): boolean {
  try {
    const info = fstatSync(fd);
    if (!info.isCharacterDevice()) return false;
    const devNull = statSync('/dev/null');
    if (info.rdev === devNull.rdev) return false;
    return process.getBuiltinModule('node:tty').isatty(fd);
  } catch {
    return false;
  }
}

/**
 * Standard output or error as a plain descriptor: `write` and `isTTY`, what the CLI's output needs.
 *
 * @example
 * const stdout = new FdWriter(1);
 * stdout.write('hello\n');
 */
export class FdWriter {
  private tty: boolean | undefined;
  private closed = false;

  constructor(readonly fd: number) {}

  /** Whether the descriptor is a terminal. */
  get isTTY(): boolean {
    return (this.tty ??= isTerminal(this.fd));
  }

  /** Writes everything, waiting out a full non-blocking pipe; a reader gone ends output. */
  write(chunk: string | Uint8Array): boolean {
    if (this.closed) return false;
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    while (bytes.length > 0) {
      try {
        bytes = bytes.subarray(writeSync(this.fd, bytes));
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'EAGAIN') Atomics.wait(EAGAIN_PAUSE, 0, 0, 1);
        else if (code === 'EPIPE' || code === 'ECONNRESET') {
          // `datafold_cli ... | head -1`: the reader has what it wanted. A socket (the stdio
          // node's child_process gives a child) says ECONNRESET when the reader closed with
          // output unread, a pipe EPIPE.
          this.closed = true;
          return false;
        } else throw error;
      }
    }
    return true;
  }
}

/** The CLI's standard output and error, one writer each. */
export const STDOUT = new FdWriter(1);
export const STDERR = new FdWriter(2);
