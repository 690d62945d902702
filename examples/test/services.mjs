// Throwaway PostgreSQL and Redis for the deployment examples, on 127.0.0.1 and free ports, in
// temporary directories removed on stop. PostgreSQL refuses to run as root, so as root the
// cluster runs as a system user through runuser (the server's own tests do the same).
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './harness.mjs';

const PG_USER = 'datafold-pgtest';
const PG_BIN_DIRS = [
  '/usr/lib/postgresql/15/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/17/bin',
];

function pgBin(name) {
  const dir = PG_BIN_DIRS.find((d) => existsSync(join(d, name)));
  if (!dir) throw new Error(`PostgreSQL's ${name} not found: apt-get install postgresql`);
  return join(dir, name);
}

const asRoot = () => process.getuid?.() === 0;

function asPgUser(command, args) {
  if (!asRoot()) return execFileSync(command, args, { encoding: 'utf8' });
  return execFileSync('runuser', ['-u', PG_USER, '--', command, ...args], { encoding: 'utf8' });
}

/** A PostgreSQL cluster; environment() creates a fresh database and returns DATABASE_URL. */
export async function startPostgres() {
  if (asRoot()) {
    try {
      execFileSync('id', ['-u', PG_USER], { stdio: 'ignore' });
    } catch {
      execFileSync('useradd', [
        '--system',
        '--no-create-home',
        '--shell',
        '/usr/sbin/nologin',
        PG_USER,
      ]);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'datafold-example-pg-'));
  chmodSync(dir, 0o755);
  if (asRoot()) {
    const uid = Number(execFileSync('id', ['-u', PG_USER], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', PG_USER], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  asPgUser(pgBin('initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  asPgUser(pgBin('pg_ctl'), [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-t',
    '60',
    '-o',
    `-h 127.0.0.1 -p ${port} -k ${dir}`,
    'start',
  ]);
  let counter = 0;
  return {
    environment() {
      const name = `datafold_example_${process.pid}_${++counter}`;
      asPgUser(pgBin('createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name]);
      return { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/${name}` };
    },
    stop() {
      try {
        asPgUser(pgBin('pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A redis-server without persistence; environment() returns REDIS_URL. */
export async function startRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'datafold-example-redis-'));
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: 'ignore' },
  );
  await new Promise((resolve, reject) => {
    child.once('error', (e) => reject(new Error(`redis-server: ${e.message}`)));
    child.once('spawn', resolve);
  });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: 'ignore' });
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    environment: () => ({ REDIS_URL: `redis://127.0.0.1:${port}` }),
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
