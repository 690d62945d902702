// Runs the installed packages as a user would, from the PATH the caller set (the empty prefix's
// bin first): `datafold_cli --version`, `datafold-server --version`, the server on a free port
// with its dashboard answering, a key generated, registered, signed with and verified (and a
// tampered message refused) by the CLI against that server, and `datafold-server token create
// --role admin` beside it, whose token opens an admin session. Node built-ins only: this file
// is the test, nothing of the repository is loaded by what it runs.
//   node scripts/packages/smoke-installed.mjs WORK_DIR
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const work = process.argv[2];
if (!work) throw new Error('usage: smoke-installed.mjs WORK_DIR');
const home = join(work, 'home');
const dataDir = join(work, 'server-data');
mkdirSync(home, { recursive: true });
// The CLI keeps its configuration and keys under $HOME/.datafold: a fresh home, not the caller's.
const env = {
  ...process.env,
  HOME: home,
  XDG_CACHE_HOME: join(home, '.cache'),
  DATAFOLD_PASSPHRASE: 'correct horse battery staple',
};

function run(command, args, { expectCode = 0 } = {}) {
  const res = spawnSync(command, args, { cwd: work, env, encoding: 'utf8' });
  if (res.error) throw res.error;
  const shown = `${command} ${args.join(' ')}`;
  if (res.status !== expectCode) {
    throw new Error(
      `${shown} exited ${res.status} (expected ${expectCode})\n${res.stdout}${res.stderr}`,
    );
  }
  console.log(`  ok  ${shown}`);
  return res.stdout;
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** Starts datafold-server on a port the OS picks; resolves with its URL once it listens. */
function startServer() {
  const child = spawn('datafold-server', ['--port', '0', '--data-dir', dataDir], {
    cwd: work,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening" line:\n${output}`)), 60_000);
    const onData = (chunk) => {
      output += chunk;
      const match = /datafold-server listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.on('exit', (code) => reject(new Error(`datafold-server exited ${code}:\n${output}`)));
  });
  return { child, url };
}

const cliVersion = run('datafold_cli', ['--version']).trim();
expect(/^datafold_cli \d+\.\d+\.\d+/.test(cliVersion), `datafold_cli --version: ${cliVersion}`);
const serverVersion = run('datafold-server', ['--version']).trim();
expect(/\d+\.\d+\.\d+/.test(serverVersion), `datafold-server --version: ${serverVersion}`);

const server = startServer();
try {
  const url = await server.url;
  console.log(`  ok  datafold-server listening on ${url}`);

  // The dashboard: index.html at /, and every script and stylesheet it names.
  const page = await fetch(`${url}/`);
  const html = await page.text();
  expect(page.status === 200 && /<html/i.test(html), `GET / answered ${page.status}:\n${html}`);
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  expect(assets.length > 0, `the dashboard's index.html names no /assets/ file:\n${html}`);
  for (const asset of assets) {
    const res = await fetch(`${url}${asset}`);
    expect(res.status === 200, `GET ${asset} answered ${res.status}`);
  }
  console.log(`  ok  dashboard at / with its ${assets.length} assets`);
  const health = await fetch(`${url}/api/health`);
  expect(health.status === 200, `GET /api/health answered ${health.status}`);

  // A key's round trip through the CLI and this server.
  const message = 'Hello DataFold';
  const signature = join(work, 'signature.bin');
  run('datafold_cli', ['crypto', 'init', '--method', 'random', '--security-level', 'interactive']);
  run('datafold_cli', ['crypto', 'generate-key', '--key-id', 'smoke-key', '--format', 'hex']);
  run('datafold_cli', ['crypto', 'register-key', '--key-id', 'smoke-key', '--server', url]);
  run('datafold_cli', [
    'crypto',
    'sign',
    '--key-id',
    'smoke-key',
    '--message',
    message,
    '--output',
    signature,
  ]);
  const verify = [
    'crypto',
    'verify',
    '--key-id',
    'smoke-key',
    '--signature',
    signature,
    '--server',
    url,
  ];
  run('datafold_cli', [...verify, '--message', message]);
  const refused = spawnSync('datafold_cli', [...verify, '--message', `${message}!`], {
    cwd: work,
    env,
  });
  expect(refused.status !== 0, 'datafold_cli verified a signature over another message');
  console.log(`  ok  a tampered message is refused (exit ${refused.status})`);

  // The sign-in page's instruction, beside the running server (through its control socket).
  const created = JSON.parse(
    run('datafold-server', ['token', 'create', '--role', 'admin', '--json', '--data-dir', dataDir]),
  );
  const session = await fetch(`${url}/api/admin/session`, {
    headers: { authorization: `Bearer ${created.token}` },
  });
  expect(session.status === 200, `the new admin token's session answered ${session.status}`);
  console.log('  ok  the admin token opens a session');
} finally {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}
