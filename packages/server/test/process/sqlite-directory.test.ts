// One datafold-server process per SQLite data directory, held by an OS lock, and the faults of
// the disk under it: a writer outside the server (SQLITE_BUSY) and a full disk. Real processes,
// a real file system; the disk is filled with RLIMIT_FSIZE (prlimit), which makes every write of
// the server fail the way a full disk does, and is lifted again while it runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createToken,
  freePort,
  runServerCommand,
  startDatafoldServer,
  type DatafoldServer,
} from '@datafold/test-support';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchJson } from '../helpers/json-answer.js';
import { newKey, registerBody, type TestKey } from '../helpers/keys.js';
import type { RegistrationView, StatusView } from '../helpers/route-data.js';

const register = (server: DatafoldServer, clientId: string, key: TestKey) =>
  fetchJson<RegistrationView>(
    `${server.url}/api/crypto/keys/register`,
    registerBody(key, clientId),
  );

describe('a SQLite data directory', () => {
  let dir: string;
  let server: DatafoldServer | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'datafold-dir-'));
  });
  afterEach(async () => {
    await server?.stop('SIGKILL');
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second server with DATA_DIR_LOCKED naming the directory and the holder', async () => {
    server = await startDatafoldServer({ dataDir: dir });
    const second = await runServerCommand(['--data-dir', dir, '--port', String(await freePort())]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('DATA_DIR_LOCKED');
    expect(second.stderr).toContain(dir);
    expect(second.stderr).toContain(`process ${server.child.pid} (datafold-server serve`);
    // The first one is unaffected.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('is free again after its holder is killed: the OS releases the lock, nothing stale remains', async () => {
    server = await startDatafoldServer({ dataDir: dir });
    await server.stop('SIGKILL');
    server = await startDatafoldServer({ dataDir: dir });
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('makes tokens through the running server and reads its audit log beside it', async () => {
    server = await startDatafoldServer({ dataDir: dir });
    const token = await createToken(dir, 'admin');
    const res = await fetch(`${server.url}/api/admin/audit`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect((await register(server, 'beside-1', newKey())).status).toBe(201);
    const audit = await runServerCommand(['audit', 'verify', '--data-dir', dir]);
    expect(audit.code).toBe(0);
    // The token's creation, then the registration.
    expect(audit.stdout).toContain('audit log intact: 2 entries');
  });

  it('answers 503 DATABASE_UNAVAILABLE (busy) while another process holds the write lock', async () => {
    server = await startDatafoldServer({ dataDir: dir });
    const outsider = new SqliteDatabase(join(dir, 'datafold.sqlite'));
    try {
      outsider.exec('BEGIN IMMEDIATE');
      const refused = await register(server, 'busy-1', newKey());
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('2');
      expect(refused.error().code).toBe('DATABASE_UNAVAILABLE');
      expect(refused.error().details.reason).toBe('busy');
      outsider.exec('ROLLBACK');
    } finally {
      outsider.close();
    }
    expect((await register(server, 'busy-1', newKey())).status).toBe(201);
    expect(server.child.exitCode).toBeNull();
  });

  it('answers 503 while the disk is full, resumes when space is back, and loses nothing acknowledged', async () => {
    server = await startDatafoldServer({ dataDir: dir });
    const pid = String(server.child.pid);
    const acknowledged = new Map<string, string>();
    for (let i = 0; i < 5; i++) {
      const key = newKey();
      if ((await register(server, `before-${i}`, key)).status === 201) {
        acknowledged.set(`before-${i}`, key.hex);
      }
    }
    execFileSync('prlimit', ['--pid', pid, '--fsize=0:']);
    const refused = await register(server, 'full-1', newKey());
    expect(refused.status).toBe(503);
    expect(refused.error().code).toBe('DATABASE_UNAVAILABLE');
    expect(['disk_full', 'io_error']).toContain(refused.error().details.reason);
    const health = (await (await fetch(`${server.url}/metrics`)).text()).split('\n');
    expect(
      health.some((l) =>
        /^datafold_database_faults_total\{reason="(disk_full|io_error)"\} [1-9]/.test(l),
      ),
    ).toBe(true);
    execFileSync('prlimit', ['--pid', pid, '--fsize=unlimited:']);
    const key = newKey();
    const resumed = await register(server, 'after-1', key);
    expect(resumed.status).toBe(201);
    acknowledged.set('after-1', key.hex);
    expect(server.child.exitCode).toBeNull();

    await server.stop('SIGKILL');
    server = await startDatafoldServer({ dataDir: dir });
    for (const [clientId, publicKey] of acknowledged) {
      const res = await fetchJson<StatusView>(`${server.url}/api/crypto/keys/status/${clientId}`);
      expect(res.data().public_key).toBe(publicKey);
    }
    expect((await fetch(`${server.url}/api/crypto/keys/status/full-1`)).status).toBe(404);
    const audit = await runServerCommand(['audit', 'verify', '--data-dir', dir]);
    expect(audit.stdout).toContain('audit log intact');
  });
});
