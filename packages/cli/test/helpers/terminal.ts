import { spawn } from 'node:child_process';

import { BIN } from './cli.js';

/** One exchange with a program on a terminal: wait until the screen shows `expect`, then type. */
export interface TerminalStep {
  expect: RegExp;
  send: string;
}

/** What a terminal session printed (stdout and stderr share the terminal) and how it ended. */
export interface TerminalRun {
  code: number | null;
  screen: string;
}

/**
 * Runs datafold_cli on a real pseudo-terminal (util-linux `script`), so prompts, hidden input and
 * Ctrl-C (`\u0003`, which the terminal delivers as a keystroke in raw mode) behave as for a person.
 * Each step waits for its prompt before typing: no sleeps.
 *
 * @example
 * await inTerminal(home, env, ['crypto', 'init'], [{ expect: /Passphrase/, send: 'pw\r' }]);
 */
export function inTerminal(
  cwd: string,
  env: Record<string, string | undefined>,
  args: string[],
  steps: TerminalStep[],
): Promise<TerminalRun> {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd,
    env: Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let seen = 0;
  const pending = [...steps];
  const advance = () => {
    const step = pending[0];
    if (step === undefined) return;
    const match = step.expect.exec(screen.slice(seen));
    if (match === null) return;
    seen += match.index + match[0].length;
    pending.shift();
    child.stdin.write(step.send);
    advance();
  };
  child.stdout.on('data', (chunk: Buffer) => {
    screen += chunk.toString();
    advance();
  });
  child.stderr.on('data', (chunk: Buffer) => (screen += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      if (pending.length > 0) {
        reject(new Error(`the program ended before "${String(pending[0]!.expect)}":\n${screen}`));
      } else resolve({ code, screen });
    });
  });
}
