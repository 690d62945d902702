// A throwaway PostgreSQL cluster on 127.0.0.1 and a free port, in a temporary directory removed on
// stop. PostgreSQL refuses to run as root, so as root the cluster runs as a
// system user through runuser; as anyone else it runs as that user.
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const BIN_DIRS = [
  '/usr/lib/postgresql/15/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/17/bin',
];
const PG_USER = 'datafold-pgtest';

const asRoot = () => process.getuid?.() === 0;

function binDir() {
  const found = BIN_DIRS.find((d) => existsSync(join(d, 'initdb')));
  if (!found) {
    throw new Error(
      'PostgreSQL binaries not found: install them with `apt-get install postgresql`',
    );
  }
  return found;
}

/** The command and arguments that run `command` as the cluster's user. */
function asPgUser(command, args) {
  return asRoot() ? ['runuser', ['-u', PG_USER, '--', command, ...args]] : [command, args];
}

function runAsPgUser(command, args) {
  const [file, argv] = asPgUser(command, args);
  return execFileSync(file, argv, { encoding: 'utf8' });
}

function ensurePgUser() {
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

/**
 * Starts a cluster (initdb, then pg_ctl start) with trust authentication for `postgres` on
 * loopback; `createDatabase()` hands out fresh, empty databases in it.
 *
 * @example
 *   const cluster = await startPostgresCluster();
 *   const url = await cluster.createDatabase(); // postgres://postgres@127.0.0.1:<port>/<name>
 *   cluster.stop();
 * @returns {Promise<import('./postgres-cluster.d.ts').PostgresCluster>}
 */
export async function startPostgresCluster() {
  const bin = binDir();
  if (asRoot()) ensurePgUser();
  const dir = mkdtempSync(join(tmpdir(), 'datafold-pg-'));
  chmodSync(dir, 0o755);
  if (asRoot()) {
    const uid = Number(execFileSync('id', ['-u', PG_USER], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', PG_USER], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  // max_connections: suites run many server instances, each with its own connection pool.
  const startArgs = [
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
  ];
  try {
    runAsPgUser(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    runAsPgUser(join(bin, 'pg_ctl'), startArgs);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  /** The connection arguments of the client tools (createdb, psql) for this cluster. */
  const connectArgs = ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'];
  let counter = 0;
  return {
    port,
    async createDatabase() {
      const name = `datafold_test_${process.pid}_${++counter}`;
      const [file, argv] = asPgUser(join(bin, 'createdb'), [...connectArgs, name]);
      await promisify(execFile)(file, argv);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async query(sql, database = 'postgres') {
      const [file, argv] = asPgUser(join(bin, 'psql'), [
        ...connectArgs,
        '-d',
        database,
        '-X',
        '-A',
        '-t',
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        sql,
      ]);
      const { stdout } = await promisify(execFile)(file, argv);
      return stdout.trim();
    },
    async stopServer(mode = 'fast') {
      const [file, argv] = asPgUser(join(bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', 'stop']);
      await promisify(execFile)(file, argv);
    },
    async startServer() {
      const [file, argv] = asPgUser(join(bin, 'pg_ctl'), startArgs);
      await promisify(execFile)(file, argv);
    },
    stop() {
      try {
        runAsPgUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
