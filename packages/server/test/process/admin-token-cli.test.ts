// `datafold-server token create|list|revoke` as an operator runs them: on a SQLite directory with
// no server (the command opens the database), beside a running server (through its control
// socket), and against one PostgreSQL shared by two server processes (no lock: the command opens
// the database beside them). A revoked token is refused at once by every server.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  runServerCommand,
  startDatafoldServer,
  startPostgresCluster,
  type DatafoldServer,
  type PostgresCluster,
} from '@datafold/test-support';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

interface Listed {
  token_id: string;
  role: string;
  label: string | null;
  status: string;
  expires_at: string | null;
  last_used: string | null;
}

interface Created extends Listed {
  token: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Runs `datafold-server token …` with the storage arguments; fails the test on a non-zero exit. */
async function token(storage: string[], args: string[], env: Record<string, string> = {}) {
  const res = await runServerCommand(['token', ...args, ...storage], env);
  if (res.code !== 0) throw new Error(`token ${args.join(' ')} exited ${res.code}: ${res.stderr}`);
  return res;
}

async function createJson(storage: string[], args: string[], env: Record<string, string> = {}) {
  return JSON.parse((await token(storage, ['create', ...args, '--json'], env)).stdout) as Created;
}

async function listJson(storage: string[], all = false, env: Record<string, string> = {}) {
  const res = await token(storage, ['list', '--json', ...(all ? ['--all'] : [])], env);
  return JSON.parse(res.stdout) as Listed[];
}

async function session(server: DatafoldServer, secret: string): Promise<number> {
  const res = await fetch(`${server.url}/api/admin/session`, {
    headers: { authorization: `Bearer ${secret}` },
  });
  return res.status;
}

describe('token commands on a SQLite directory', () => {
  let dir: string;
  let storage: string[];
  let server: DatafoldServer | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'datafold-tokens-'));
    storage = ['--data-dir', dir];
  });
  afterEach(async () => {
    await server?.stop('SIGKILL');
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates, lists and revokes with no server running, then the server honours it', async () => {
    const created = await token(storage, [
      'create',
      '--role',
      'admin',
      '--label',
      'ops',
      '--ttl',
      '12h',
    ]);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^dfk_[A-Za-z0-9_-]{43}$/);
    const id = /Created admin token (\S+) "ops"\. It expires (\S+)\./.exec(created.stderr);
    expect(id?.[1]).toMatch(UUID);
    expect(created.stderr).toContain('shown once');
    const auditor = await createJson(storage, ['--role', 'auditor']);
    expect(auditor.token).toMatch(/^dfk_/);
    const ninetyDays = Date.parse(auditor.expires_at!) - Date.now();
    expect(ninetyDays).toBeGreaterThan(89 * 86_400_000);
    expect(ninetyDays).toBeLessThanOrEqual(90 * 86_400_000);

    const table = await token(storage, ['list']);
    expect(table.stdout.split('\n')[0]).toMatch(/^TOKEN ID\s+ROLE\s+STATUS\s+CREATED\s+EXPIRES/);
    expect(table.stdout).toContain(id![1]);
    expect(table.stdout).toContain(auditor.token_id);
    expect(table.stdout).not.toContain(secret);
    const listed = await listJson(storage);
    expect(listed.map((t) => t.token_id).sort()).toEqual([id![1], auditor.token_id].sort());
    expect(JSON.stringify(listed)).not.toContain('dfk_');

    const revoked = await token(storage, ['revoke', auditor.token_id]);
    expect(revoked.stdout).toBe(`Revoked token ${auditor.token_id}.\n`);
    const again = await token(storage, ['revoke', auditor.token_id]);
    expect(again.stdout).toMatch(/^Token \S+ was already revoked at \S+\.\n$/);
    expect((await listJson(storage)).map((t) => t.token_id)).toEqual([id![1]]);
    const all = await listJson(storage, true);
    expect(all.find((t) => t.token_id === auditor.token_id)?.status).toBe('revoked');

    // Two creations and one revocation, chained; the repeated revocation changed nothing.
    const verify = await runServerCommand(['audit', 'verify', ...storage]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('audit log intact: 3 entries');

    server = await startDatafoldServer({ dataDir: dir });
    expect(await session(server, secret)).toBe(200);
    expect(await session(server, auditor.token)).toBe(401);
  });

  it('runs through the running server: last use shown, a revocation refused at once', async () => {
    server = await startDatafoldServer({ dataDir: dir });
    const admin = await createJson(storage, ['--role', 'admin', '--ttl', '1h']);
    expect(admin.expires_at).not.toBeNull();
    expect((await listJson(storage))[0]?.last_used).toBeNull();
    expect(await session(server, admin.token)).toBe(200);
    // Read through the server, which has the last use in memory before it is written.
    expect((await listJson(storage))[0]?.last_used).not.toBeNull();

    const res = await token(storage, ['revoke', admin.token_id, '--json']);
    expect(JSON.parse(res.stdout)).toMatchObject({
      token_id: admin.token_id,
      revoked_token_ids: [admin.token_id],
    });
    expect(await session(server, admin.token)).toBe(401);
    expect((await listJson(storage, true))[0]?.status).toBe('revoked');
    const verify = await runServerCommand(['audit', 'verify', ...storage]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('audit log intact: 2 entries');
  });

  it.each([
    [
      ['revoke', 'dfk_not-a-token-id-but-a-secret'],
      'takes a token id from token list, not the token itself',
    ],
    [['revoke', 'laptop'], 'takes a token id: a UUID'],
    [['revoke'], 'usage:'],
    [['rotate'], 'usage:'],
    [['create', '--role', 'root'], '--role must be admin or auditor'],
    [['create', '--role', 'admin', '--ttl', '10'], '--ttl must be a whole number of s, m, h or d'],
    [['create', '--role', 'admin', '--ttl', '0d'], '--ttl must be'],
    [['create', '--role', 'admin', '--label', 'a\u0007b'], '--label must be 1 to 200 characters'],
    [['list', '--status', 'all'], 'unknown option --status'],
  ])('refuses token %j with exit 2 (invalid arguments) and says why', async (args, message) => {
    const res = await runServerCommand(['token', ...args, ...storage]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(message);
    expect(res.stderr).not.toContain('dfk_not-a-token');
  });

  it('refuses to revoke an unknown token id with exit 1 and TOKEN_NOT_FOUND', async () => {
    const res = await runServerCommand(['token', 'revoke', randomUUID(), ...storage]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('TOKEN_NOT_FOUND: no admin token has this id');
  });
});

describe('token commands on PostgreSQL beside two servers', () => {
  let cluster: PostgresCluster;
  let env: Record<string, string>;
  let a: DatafoldServer;
  let b: DatafoldServer;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
    env = { DATABASE_URL: await cluster.createDatabase() };
    a = await startDatafoldServer({ dataDir: false, env });
    b = await startDatafoldServer({ dataDir: false, env });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    cluster?.stop();
  });

  it('makes tokens every server accepts, and a revocation holds on every server at once', async () => {
    const operator = await createJson([], ['--role', 'admin', '--label', 'operator'], env);
    const leaked = await createJson([], ['--role', 'auditor', '--label', 'leaked'], env);
    for (const server of [a, b]) {
      expect(await session(server, operator.token)).toBe(200);
      expect(await session(server, leaked.token)).toBe(200);
    }

    // Revoked through the API of one instance: the other refuses it on the next request.
    const res = await fetch(`${a.url}/api/admin/tokens/${leaked.token_id}/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator.token}` },
    });
    expect(res.status).toBe(200);
    expect(await session(b, leaked.token)).toBe(401);
    expect(await session(a, leaked.token)).toBe(401);

    // Revoked by the CLI, which opens the database beside both servers.
    await token([], ['revoke', operator.token_id], env);
    expect(await session(a, operator.token)).toBe(401);
    expect(await session(b, operator.token)).toBe(401);
    const all = await listJson([], true, env);
    expect(all.map((t) => t.status)).toEqual(['revoked', 'revoked']);
    expect(await listJson([], false, env)).toEqual([]);
    const verify = await runServerCommand(['audit', 'verify'], env);
    expect(verify.code).toBe(0);
  });
});
