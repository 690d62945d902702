import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './server-process.js';
import type { StorageFactory } from './test-server.js';

const BIN_DIRS = [
  '/usr/lib/postgresql/15/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/17/bin',
];
/** PostgreSQL refuses to run as root; the cluster runs as this system user (ARCHITECTURE.md). */
const PG_USER = 'datafold-pgtest';

function binDir(): string {
  const found = BIN_DIRS.find((d) => existsSync(join(d, 'initdb')));
  if (!found) {
    throw new Error(
      'PostgreSQL binaries not found: install them with `apt-get install postgresql`',
    );
  }
  return found;
}

function asPgUser(command: string, args: string[]): string {
  if (process.getuid?.() !== 0) return execFileSync(command, args, { encoding: 'utf8' });
  return execFileSync('runuser', ['-u', PG_USER, '--', command, ...args], { encoding: 'utf8' });
}

/** A throwaway PostgreSQL cluster on 127.0.0.1 and a free port, in a temporary directory. */
export interface PostgresCluster {
  port: number;
  /** A URL of a fresh, empty database in this cluster. */
  createDatabase(): Promise<string>;
  /** A storage factory for the route suites: one fresh database per suite. */
  storage: StorageFactory;
  stop(): void;
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = binDir();
  if (process.getuid?.() === 0) {
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
  const dir = mkdtempSync(join(tmpdir(), 'datafold-pg-'));
  chmodSync(dir, 0o755);
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', PG_USER], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', PG_USER], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  asPgUser(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  asPgUser(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-t',
    '60',
    '-o',
    `-h 127.0.0.1 -p ${port} -k ${dir} -c max_connections=200`,
    'start',
  ]);
  let counter = 0;
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await admin.connect();
  const createDatabase = async () => {
    const name = `datafold_test_${process.pid}_${++counter}`;
    await admin.query(`create database ${name}`);
    return `postgres://postgres@127.0.0.1:${port}/${name}`;
  };
  return {
    port,
    createDatabase,
    storage: async () => ({
      config: { databaseUrl: await createDatabase() },
      cleanup: () => Promise.resolve(),
    }),
    stop() {
      void admin.end().catch(() => undefined);
      try {
        asPgUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
