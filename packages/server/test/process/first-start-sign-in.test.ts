// The first start of a real `datafold-server` process on a fresh data directory: it prints a
// dashboard sign-in link whose token opens an admin session, the token never appears in a JSON log
// line, and a second start on the same directory prints no token. Without a terminal (and without
// `--sign-in-link always`) no token is made at all.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServerCommand, startDatafoldServer, type DatafoldServer } from '@datafold/test-support';
import { afterAll, describe, expect, it } from 'vitest';

const LINK = /^ {4}(http:\/\/\S+)\/#token=([A-Za-z0-9_-]+)$/m;
const WELCOME_DONE = /Sign in to the dashboard|sign in to the dashboard|#token=/;

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'datafold-first-start-'));
  dirs.push(dir);
  return dir;
}

/** Waits until the start message after "listening" has been written. */
async function welcome(server: DatafoldServer): Promise<string> {
  for (let waited = 0; waited < 15_000; waited += 50) {
    if (WELCOME_DONE.test(server.output())) return server.output();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no start message:\n${server.output()}`);
}

async function start(dataDir: string, mode?: string): Promise<DatafoldServer> {
  // Info-level JSON logs, so the check below sees the lines a log collector would keep.
  const args = ['--log-level', 'info', ...(mode ? ['--sign-in-link', mode] : [])];
  return startDatafoldServer({ dataDir, args });
}

async function adminTokens(dataDir: string): Promise<Array<{ role: string; label: string }>> {
  const res = await runServerCommand(['token', 'list', '--json', '--data-dir', dataDir]);
  expect(res.code, res.stderr).toBe(0);
  return (JSON.parse(res.stdout) as Array<{ role: string; label: string }>).filter(
    (token) => token.role === 'admin',
  );
}

describe('first start', () => {
  it('prints a sign-in link whose token opens an admin session, once, and never logs it', async () => {
    const dataDir = freshDir();
    const first = await start(dataDir, 'always');
    let output: string;
    let token: string;
    try {
      output = await welcome(first);
      const link = LINK.exec(output);
      expect(link, output).not.toBeNull();
      const [, base, secret] = link!;
      token = secret!;
      expect(base).toBe(first.url);

      const session = await fetch(`${first.url}/api/admin/session`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(session.status).toBe(200);
      expect(((await session.json()) as { data: { role: string } }).data.role).toBe('admin');
      // The link's page is the dashboard (the fragment stays in the browser).
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
    } finally {
      await first.stop();
    }
    output = first.output();
    // Printed once, in the link; in no JSON log line (requests and the token's creation included).
    expect(output.split(token).length - 1).toBe(1);
    const logLines = output.split('\n').filter((line) => line.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(line).not.toContain(token);
    expect(await adminTokens(dataDir)).toEqual([
      expect.objectContaining({ label: 'first-start sign-in link' }),
    ]);

    const second = await start(dataDir, 'always');
    try {
      const again = await welcome(second);
      expect(again).toContain('Sign in to the dashboard with an admin token');
      expect(again).not.toContain('#token=');
    } finally {
      await second.stop();
    }
    expect(await adminTokens(dataDir)).toHaveLength(1);
  });

  it('makes no token when no terminal reads stdout, and says how to make one', async () => {
    const dataDir = freshDir();
    const server = await start(dataDir);
    try {
      const output = await welcome(server);
      expect(output).toContain('No admin token exists yet');
      expect(output).not.toContain('#token=');
    } finally {
      await server.stop();
    }
    expect(await adminTokens(dataDir)).toEqual([]);
  });
});
