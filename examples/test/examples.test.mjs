// Runs every example under examples/ the way the guides tell readers to, each against a real
// datafold-server started for it (free port, temporary data directory, temporary HOME), and
// checks that the guides quote only those files. `node --test examples/test/` (after
// `npm run build` and scripts/test-python.sh); scripts/test-examples.sh runs it with the checks.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  startDatafoldServer,
  startPostgresCluster,
  startRedisServer,
} from '@datafold/test-support';
import { assertPrerequisites, createWorkspace, ROOT, runExample } from './harness.mjs';
import { quoteOf } from '../../scripts/check-guides.mjs';

/**
 * Every runnable example. `server: false` runs without a server; `serverArgs` start it with
 * options; `expect` is what stdout must match (default: ends with ": ok"); `services` start a throwaway PostgreSQL and/or Redis and pass DATABASE_URL/REDIS_URL.
 */
export const EXAMPLES = [
  { file: 'examples/sdk-demo.mjs', server: false, expect: /verifies tampered:\s+false/ },
  { file: 'examples/keys/generate-keys.mjs', server: false },
  { file: 'examples/keys/generate_keys.py', server: false },
  { file: 'examples/keys/generate-keys.sh', server: false },
  { file: 'examples/storage/node-key-store.mjs', server: false },
  { file: 'examples/storage/key_storage.py', server: false },
  { file: 'examples/backup/backup-and-restore.mjs', server: false },
  { file: 'examples/backup/backup_restore.py', server: false },
  { file: 'examples/backup/backup.sh', server: false },
  { file: 'examples/registration/register.mjs' },
  { file: 'examples/registration/register_and_verify.py' },
  { file: 'examples/registration/wire-protocol.sh' },
  { file: 'examples/signing/sign-and-verify.mjs' },
  { file: 'examples/signing/sign-and-verify.sh' },
  { file: 'examples/web-app/run-in-node.mjs' },
  { file: 'examples/python-service/client.py' },
  { file: 'examples/desktop-app/desktop-app.mjs' },
  { file: 'examples/ci/register-and-verify.sh' },
  { file: 'examples/ci/signed-request.sh' },
  { file: 'examples/automation/run-batch.sh', server: false },
  { file: 'examples/deploy/check-deployment-files.sh', server: false },
  // Packs and installs the server with its dependencies from the npm registry: minutes, not
  // seconds. npm reads the tester's own settings (registry, nodedir for native addons), not the
  // empty HOME's.
  {
    file: 'examples/deploy/check-container-steps.sh',
    server: false,
    timeoutMs: 600_000,
    env: { NPM_CONFIG_USERCONFIG: join(homedir(), '.npmrc') },
  },
  { file: 'examples/auth/proof-of-possession.mjs' },
  { file: 'examples/auth/rotate-and-revoke.mjs' },
  { file: 'examples/auth/admin-tokens.sh' },
  { file: 'examples/operations/rotation-drill.sh' },
  { file: 'examples/operations/emergency-revocation.sh' },
  { file: 'examples/operations/backup-restore-drill.sh' },
  { file: 'examples/monitoring/check-metrics.sh' },
  { file: 'examples/migration/move-keys.sh' },
  { file: 'examples/deploy/tls.sh', server: false },
  { file: 'examples/deploy/cors.sh', serverArgs: ['--cors-origins', 'https://app.example.com'] },
  { file: 'examples/deploy/multi-instance.sh', server: false, services: ['postgres', 'redis'] },
];

/** Files under examples/ that are not run on their own: each belongs to an example above. */
export const SUPPORT_FILES = [
  'examples/test/examples.test.mjs',
  'examples/test/harness.mjs',
  'examples/web-app/app-server.mjs', // run-in-node.mjs starts it
  'examples/web-app/public/app.js', // run-in-node.mjs drives it
  'examples/web-app/signed-api.mjs', // app-server.mjs mounts it
  'examples/python-service/service.py', // client.py serves it
  'examples/deploy/round-robin-proxy.mjs', // multi-instance.sh starts it
  'examples/deploy/container-setup.sh', // the Dockerfile runs it; check-container-steps.sh too
  'examples/deploy/container-healthcheck.mjs', // the Dockerfile's HEALTHCHECK
  'examples/ci/signed-api.mjs', // signed-request.sh starts it
  'examples/migration/browser-export.mjs', // move-keys.sh runs the steps
  'examples/migration/node-import.mjs',
  'examples/migration/python_roundtrip.py',
];

const RUNNABLE = /\.(mjs|js|py|sh)$/;

/**
 * The server an example talks to, as users run it: its own rate limits kept, data in the
 * workspace; killed if it has not stopped 10 s after SIGTERM.
 */
function startExampleServer(workspace, example = {}) {
  return startDatafoldServer({
    dataDir: workspace.data,
    args: example.serverArgs ?? [],
    env: example.serverEnv ?? {},
    rateLimits: true,
    killAfterMs: 10_000,
  });
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

// EXAMPLES_ONLY=multi-instance runs the examples whose path contains that text.
const only = process.env.EXAMPLES_ONLY;
const SELECTED = EXAMPLES.filter((e) => !only || e.file.includes(only));

// The Python environment only when a selected example needs it.
before(() => assertPrerequisites({ python: SELECTED.some((e) => e.file.endsWith('.py')) }));

describe('examples', () => {
  const services = {};
  after(async () => {
    for (const service of Object.values(services)) await service.stop();
  });

  for (const example of SELECTED) {
    test(example.file, { timeout: example.timeoutMs ?? 180_000 }, async () => {
      const workspace = await createWorkspace();
      let server;
      try {
        const env = { ...workspace.env, ...example.env };
        for (const name of example.services ?? []) {
          if (name === 'postgres') {
            services.postgres ??= await startPostgresCluster();
            env.DATABASE_URL = await services.postgres.createDatabase();
          } else {
            services.redis ??= await startRedisServer();
            env.REDIS_URL = services.redis.url;
          }
        }
        if (example.server !== false) {
          server = await startExampleServer(workspace, example);
          env.DATAFOLD_SERVER_URL = server.url;
        }
        const { stdout } = await runExample(example.file, {
          cwd: workspace.work,
          env,
          ...(example.timeoutMs ? { timeoutMs: example.timeoutMs } : {}),
        });
        if (process.env.EXAMPLES_VERBOSE) console.log(stdout);
        // Examples assert as they go and end by printing "...: ok".
        assert.match(stdout, example.expect ?? /: ok\s*$/);
      } finally {
        if (server) await server.stop();
        await workspace.cleanup();
      }
    });
  }

  test('every runnable file under examples/ is run here or supports an example', () => {
    const listed = new Set([...EXAMPLES.map((e) => e.file), ...SUPPORT_FILES]);
    const unlisted = filesUnder(join(ROOT, 'examples'))
      .map((f) => relative(ROOT, f))
      .filter((f) => RUNNABLE.test(f) && !listed.has(f));
    assert.deepEqual(unlisted, [], 'add these to EXAMPLES or SUPPORT_FILES');
  });
});

describe('the registration diagrams', () => {
  test('name only routes the server has', async () => {
    const workspace = await createWorkspace();
    const server = await startExampleServer(workspace);
    try {
      const spec = await (await fetch(`${server.url}/openapi.json`)).json();
      const routes = new Set(
        Object.entries(spec.paths).flatMap(([path, ops]) =>
          Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`),
        ),
      );
      const guides = filesUnder(join(ROOT, 'docs/guides')).filter((f) => f.endsWith('.md'));
      let diagrams = 0;
      for (const guide of guides) {
        const text = readFileSync(guide, 'utf8');
        for (const [, diagram] of text.matchAll(/```mermaid\n([\s\S]*?)```/g)) {
          diagrams++;
          for (const [, method, path] of diagram.matchAll(
            /\b(GET|POST|PUT|DELETE) (\/[^\s:)]+)/g,
          )) {
            const route = `${method} ${path.replace(/\{[^}]+\}/g, '{}')}`;
            assert.ok(routes.has(route), `${relative(ROOT, guide)}: ${route} is not a route`);
          }
        }
      }
      assert.ok(diagrams > 0, 'the guides have a registration sequence diagram');
    } finally {
      await server.stop();
      await workspace.cleanup();
    }
  });
});

describe('the guide checks', () => {
  test('a quote that differs from its file, and unquoted code, are refused', async () => {
    const { checkGuide } = await import('../../scripts/check-guides.mjs');
    const dir = await mkdtemp(join(tmpdir(), 'datafold-guide-'));
    try {
      const guide = join(dir, 'guide.md');
      const good = quoteOf('examples/keys/generate-keys.mjs', 'many');
      writeFileSync(
        guide,
        [
          '<!-- example: examples/keys/generate-keys.mjs#many -->',
          '```js',
          good,
          '```',
          '<!-- example: examples/keys/generate-keys.mjs#many -->',
          '```js',
          good.replace('3', '4'),
          '```',
          '```js',
          'console.log("not from a file");',
          '```',
          '<!-- example: examples/keys/generate-keys.mjs#no-such-region -->',
          '```js',
          '```',
          '```text',
          'output may stand alone',
          '```',
        ].join('\n'),
      );
      const { problems } = checkGuide(guide);
      assert.equal(problems.length, 3, problems.join('\n'));
      assert.match(problems[0], /differs from examples\/keys\/generate-keys.mjs#many/);
      assert.match(problems[1], /without an example marker/);
      assert.match(problems[2], /no region "no-such-region"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the troubleshooting table lists every registry code once, with its status', async () => {
    const { renderTable } = await import('../../scripts/generate-troubleshooting.mjs');
    const spec = JSON.parse(readFileSync(join(ROOT, 'spec/errors.json'), 'utf8'));
    const table = renderTable(spec, (code) => (code === 'KEY_NOT_FOUND' ? 5 : 1));
    for (const e of spec.errors) {
      const rows = table.split('\n').filter((l) => l.includes(`\`${e.code}\``));
      assert.equal(rows.length, 1, e.code);
      assert.match(rows[0], new RegExp(`\\| ${e.http_status} \\|`));
    }
    assert.match(table, /`KEY_NOT_FOUND` \| 404 \| 5 \|/);
  });
});
