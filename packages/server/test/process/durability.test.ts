import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServerCommand, startDatafoldServer, type DatafoldServer } from '@datafold/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchJson } from '../helpers/json-answer.js';
import { newKey, sign, registerBody } from '../helpers/keys.js';
import type { StatusView, VerifyView } from '../helpers/route-data.js';

describe('a real datafold-server process', () => {
  let dir: string;
  let server: DatafoldServer | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'datafold-process-'));
  });
  afterEach(async () => {
    await server?.stop('SIGKILL');
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every registration it answered 201 when killed with SIGKILL mid-burst', async () => {
    server = await startDatafoldServer({ dataDir: dir });
    const acknowledged = new Map<string, string>();
    let stop = false;
    let sent = 0;
    const worker = async (w: number) => {
      for (let i = 0; !stop && i < 400; i++) {
        const key = newKey();
        const clientId = `burst-${w}-${i}`;
        sent++;
        try {
          const res = await fetchJson(
            `${server!.url}/api/crypto/keys/register`,
            registerBody(key, clientId),
          );
          if (res.status === 201) acknowledged.set(clientId, key.hex);
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const workers = Array.from({ length: 20 }, (_, w) => worker(w));
    // Kill once a good number of writes have been acknowledged, while others are in flight.
    while (acknowledged.size < 300) await new Promise((r) => setTimeout(r, 5));
    server.child.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    await server.stop();
    expect(sent).toBeGreaterThan(acknowledged.size);

    server = await startDatafoldServer({ dataDir: dir });
    const missing: string[] = [];
    for (const [clientId, publicKey] of acknowledged) {
      const res = await fetchJson<StatusView>(`${server.url}/api/crypto/keys/status/${clientId}`);
      if (res.status !== 200 || !res.body.success || res.body.data.public_key !== publicKey) {
        missing.push(clientId);
      }
    }
    expect(missing).toEqual([]);
    const audit = await runServerCommand(['audit', 'verify', '--data-dir', dir]);
    expect(audit.stdout).toContain('audit log intact');
  });

  it('says where it listens, and shuts down on SIGTERM with exit code 0, flushing last_used', async () => {
    server = await startDatafoldServer({ dataDir: dir });
    const key = newKey();
    await fetchJson(`${server.url}/api/crypto/keys/register`, registerBody(key, 'term-1'));
    const verified = await fetchJson<VerifyView>(`${server.url}/api/crypto/signatures/verify`, {
      client_id: 'term-1',
      message: 'x',
      signature: sign(key, 'x'),
    });
    expect(verified.status).toBe(200);
    const started = `datafold-server listening on ${server.url} (dashboard at /, API docs at /docs)\n`;
    for (let i = 0; i < 50 && !server.output().includes(started); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(server.output()).toContain(started);
    expect(await server.stop('SIGTERM')).toBe(0);
    server = await startDatafoldServer({ dataDir: dir });
    const status = await fetchJson<StatusView>(`${server.url}/api/crypto/keys/status/term-1`);
    expect(status.data().last_used).toBe(verified.data().verified_at);
  });

  it('refuses a bad configuration with a clear message and exit code 3', async () => {
    const res = await runServerCommand(['--port', 'ninety'], { DATAFOLD_DATA_DIR: dir });
    expect(res.code).toBe(3);
    expect(res.stderr).toContain('--port must be an integer from 0 to 65535');
  });

  it('prints its version, and suggests what a mistyped command line meant (exit 2)', async () => {
    const version = await runServerCommand(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^datafold-server \d+\.\d+\.\d+\n$/);
    for (const [args, meant] of [
      [['tokn', 'create'], 'token'],
      [['token', 'revokee', 'x'], 'revoke'],
      [['audit', 'verfy'], 'verify'],
      [['--data-dri', dir], '--data-dir'],
    ] as const) {
      const res = await runServerCommand([...args]);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toContain(`did you mean ${meant}?`);
    }
  });

  it('names a port in use and how to choose another', async () => {
    server = await startDatafoldServer({ dataDir: dir });
    const other = mkdtempSync(join(tmpdir(), 'datafold-process-'));
    try {
      const res = await runServerCommand(['--port', String(server.port), '--data-dir', other]);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`port ${server.port} on 127.0.0.1 is in use (EADDRINUSE)`);
      expect(res.stderr).toContain('--port');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('creates admin tokens once, storing only a hash', async () => {
    const res = await runServerCommand(['token', 'create', '--role', 'auditor', '--data-dir', dir]);
    expect(res.code).toBe(0);
    const token = res.stdout.trim();
    expect(token).toMatch(/^dfk_[A-Za-z0-9_-]{43}$/);
    server = await startDatafoldServer({ dataDir: dir });
    const ok = await fetch(`${server.url}/api/admin/audit`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ok.status).toBe(200);
    const bad = await runServerCommand(['token', 'create', '--role', 'root', '--data-dir', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--role must be admin or auditor');
  });
});
