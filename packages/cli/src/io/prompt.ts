/// <reference types="node" />
import { InterruptedError } from '../errors/interrupted-error.js';
import { isTerminal } from './fd-writer.js';

/** True when the user can be asked: both stdin and stderr are terminals. */
export function canPrompt(): boolean {
  // Not process.stdin.isTTY: that builds the stdin stream, which a run that prompts not never needs.
  return isTerminal(0) && isTerminal(2);
}

/**
 * Reads one line from the terminal. With `hidden`, nothing is echoed (the terminal is in raw
 * mode for the duration and restored on every path, Ctrl-C included).
 *
 * @example
 * const passphrase = await promptLine('Passphrase for "app": ', { hidden: true });
 */
export function promptLine(question: string, options: { hidden?: boolean } = {}): Promise<string> {
  const stdin = process.stdin;
  const stderr = process.stderr;
  return new Promise((resolve, reject) => {
    let value = '';
    const wasRaw = stdin.isRaw;
    // Raw before the question shows: an answer typed at once is neither echoed nor, for Ctrl-C,
    // turned into a signal by the terminal.
    stdin.setRawMode(true);
    stderr.write(question);
    stdin.resume();
    stdin.setEncoding('utf8');
    const finish = (error?: Error) => {
      stdin.removeListener('data', onData);
      stdin.setRawMode(wasRaw);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\u0003') return finish(new InterruptedError()); // Ctrl-C
        if (ch === '\u0004' && value === '') return finish(new InterruptedError()); // Ctrl-D
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u007f' || ch === '\b') {
          if (value.length > 0) {
            value = [...value].slice(0, -1).join('');
            if (!options.hidden) stderr.write('\b \b');
          }
          continue;
        }
        if (ch === '\u0015') {
          // Ctrl-U: clear the line
          if (!options.hidden) stderr.write('\r\u001b[2K' + question);
          value = '';
          continue;
        }
        if (ch < ' ') continue;
        value += ch;
        if (!options.hidden) stderr.write(ch);
      }
    };
    stdin.on('data', onData);
  });
}
