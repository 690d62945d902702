// The CLI writes stdout and stderr through plain descriptors (src/io/fd-writer.ts); these run it
// in a child process, where fd 1 is a real pipe.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const WRITER = fileURLToPath(new URL('../dist/io/fd-writer.js', import.meta.url));

/** Runs `body` with STDOUT/STDERR/isTerminal in scope; resolves to the exit code and output. */
function run(
  body: string,
  readStdout: (stdout: NodeJS.ReadableStream, kill: () => void) => void = () => undefined,
): Promise<{ code: number | null; stderr: string }> {
  const script = `import { STDOUT, STDERR, isTerminal } from ${JSON.stringify(WRITER)};\n${body}`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  readStdout(child.stdout, () => child.stdout.destroy());
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('FdWriter', () => {
  it('writes every byte of a large output to a pipe, in order', async () => {
    let received = 0;
    let last = '';
    const result = await run(
      `for (let i = 0; i < 2000; i++) STDOUT.write(String(i).padStart(8, '0') + 'x'.repeat(1015) + '\\n');`,
      (stdout) =>
        stdout.on('data', (d: Buffer) => {
          received += d.length;
          last = d.toString().trim().split('\n').pop()!.slice(0, 8);
        }),
    );
    expect(result).toEqual({ code: 0, stderr: '' });
    expect(received).toBe(2000 * 1024);
    expect(last).toBe('00001999');
  });

  it('stops quietly when the reader goes away (EPIPE), like `| head -1`', async () => {
    const result = await run(
      `for (let i = 0; i < 100000; i++) STDOUT.write('y'.repeat(1023) + '\\n');\nSTDERR.write('done\\n');`,
      (stdout, kill) => stdout.once('data', kill),
    );
    expect(result).toEqual({ code: 0, stderr: 'done\n' });
  });

  it('takes /dev/null for no terminal without loading node:tty', async () => {
    const script =
      `import { isTerminal } from ${JSON.stringify(WRITER)};\n` +
      `process.stderr.write(JSON.stringify([isTerminal(1), process.moduleLoadList.includes('NativeModule tty')]));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise((resolve) => child.on('close', resolve));
    expect(JSON.parse(stderr)).toEqual([false, false]);
  });

  it('tells a pipe from a terminal without building process.stdout', async () => {
    const result = await run(
      `const tty = [STDOUT.isTTY, isTerminal(1)];\n` +
        `STDERR.write(JSON.stringify({ tty, net: process.moduleLoadList.includes('NativeModule net') }));`,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stderr)).toEqual({ tty: [false, false], net: false });
  });
});
