import pino from 'pino';

/** What the log lines are handed to: pino's own stdout writer. */
interface LineSink {
  write(chunk: string): unknown;
  flushSync(): void;
}

/**
 * Where the server's log lines go by default: stdout, as pino writes it (asynchronously, lines
 * kept in memory while a write is under way), with the lines of one event-loop turn gathered
 * into one write. Under load every request writes a line, and a write of its own per line cost
 * more of the event loop than everything else the logging does; gathered, a turn's requests
 * share one. Lines leave at the end of their turn, in order, and what is still held when the
 * process exits is written synchronously then, as pino does with its own buffer.
 *
 * @example
 * Fastify({ logger: { level: 'info', stream: turnBatchedStdout() } });
 */
export function turnBatchedStdout(): { write(line: string): void } {
  // One per process: every app in it writes to the same stdout.
  stdout ??= gatherTurns(pino.destination({ dest: 1, sync: false }));
  return stdout;
}
let stdout: { write(line: string): void } | undefined;

/** Gathers what is written during one event-loop turn and hands it to `sink` in one piece. */
export function gatherTurns(sink: LineSink): { write(line: string): void } {
  let pending = '';
  let scheduled = false;
  const release = () => {
    scheduled = false;
    const chunk = pending;
    pending = '';
    if (chunk !== '') sink.write(chunk);
  };
  process.once('exit', () => {
    release();
    try {
      sink.flushSync();
    } catch {
      // The stream is closed or its reader gone: nothing left to write to.
    }
  });
  return {
    write(line: string) {
      pending += line;
      if (!scheduled) {
        scheduled = true;
        setImmediate(release);
      }
    },
  };
}
