// The helpers every suite relies on to start a real server: what they promise about data
// directories, exit codes and failures, checked against the built binary.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createToken,
  freePort,
  runServerCommand,
  startDatafoldServer,
} from '@datafold/test-support';
import { describe, expect, it } from 'vitest';

describe('freePort', () => {
  it('hands out a loopback port another server can bind', async () => {
    const port = await freePort();
    const probe = createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => probe.close(resolve));
    expect(port).toBeGreaterThan(0);
  });
});

describe('startDatafoldServer', () => {
  it('answers once started, exits 0 on SIGTERM and removes the temporary data directory', async () => {
    const server = await startDatafoldServer();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(server.dataDir && existsSync(server.dataDir)).toBe(true);
    expect(await server.stop()).toBe(0);
    expect(existsSync(server.dataDir as string)).toBe(false);
    // A second stop has nothing left to wait for.
    expect(await server.stop()).toBe(0);
  });

  it('leaves a given data directory in place, and stop(SIGKILL) ends with no exit code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'datafold-test-support-'));
    try {
      let token = '';
      const server = await startDatafoldServer({
        dataDir: dir,
        beforeStart: async (dataDir) => {
          token = await createToken(dataDir, 'auditor');
        },
      });
      expect(token).toMatch(/^dfk_\S+$/);
      expect(await server.stop('SIGKILL')).toBeNull();
      expect(readdirSync(dir).length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with the server output when the process exits before listening', async () => {
    await expect(startDatafoldServer({ args: ['--log-level', 'loud'] })).rejects.toThrow(
      /exited early with 3:[\s\S]*--log-level must be one of/,
    );
  });
});

describe('runServerCommand', () => {
  it('reports the exit code and output of a refused command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'datafold-test-support-'));
    try {
      const result = await runServerCommand([
        'token',
        'create',
        '--role',
        'root',
        '--data-dir',
        dir,
      ]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('--role must be admin or auditor');
      await expect(createToken(dir, 'root' as 'admin')).rejects.toThrow(/printed no token/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
