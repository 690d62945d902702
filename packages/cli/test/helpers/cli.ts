import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The launcher users run (`datafold_cli`), which runs the esbuild bundle. */
export const BIN = fileURLToPath(new URL('../../bin/datafold_cli.js', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../../bundle/main.js', import.meta.url));
const BUNDLER = fileURLToPath(new URL('../../scripts/bundle.mjs', import.meta.url));

export const PASSPHRASE = 'correct horse battery staple';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const SDK_DIST = fileURLToPath(new URL('../../../sdk/dist', import.meta.url));

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the bundle when it is missing or older than the sources, so the tests run what
 * `npm run build -w @datafold/cli` makes. Test files run in parallel: a lock directory keeps
 * them from bundling at once.
 */
export function ensureBundle(): void {
  const lock = `${BUNDLE}.lock`;
  // Fresh when newer than the CLI sources and the SDK build it inlines.
  const fresh = () =>
    existsSync(BUNDLE) &&
    statSync(BUNDLE).mtimeMs >= Math.max(newestSource(SRC), newestSource(SDK_DIST));
  if (fresh()) return;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(fileURLToPath(new URL('../../bundle.lock', import.meta.url)));
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${lock}: another test run holds the bundle lock`);
      execFileSync('sleep', ['0.2']);
    }
  }
  try {
    if (!fresh()) execFileSync(process.execPath, [BUNDLER], { stdio: 'inherit' });
  } finally {
    rmdirSync(fileURLToPath(new URL('../../bundle.lock', import.meta.url)));
  }
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for --json runs). */
  json: <T = Record<string, unknown>>() => T;
}

/** A temp HOME (and cwd) per test file: config and keys go to ~/.datafold inside it. */
export interface CliHome {
  home: string;
  run(
    args: string[],
    options?: { env?: Record<string, string | undefined>; input?: string | Buffer },
  ): Promise<CliResult>;
  spawn(args: string[], env?: Record<string, string>): ChildProcess;
  cleanup(): Promise<void>;
}

export async function createHome(): Promise<CliHome> {
  ensureBundle();
  const home = await mkdtemp(join(tmpdir(), 'datafold-cli-test-'));
  const baseEnv = (): Record<string, string | undefined> => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      HOME: home,
      DATAFOLD_PASSPHRASE: PASSPHRASE,
      NO_COLOR: '1',
    };
    delete env.DATAFOLD_CONFIG_PATH;
    delete env.DATAFOLD_CRYPTO_STORAGE;
    delete env.DATAFOLD_BACKUP_PASSPHRASE;
    return env;
  };
  const spawnCli = (args: string[], env: Record<string, string | undefined> = {}) =>
    spawn(process.execPath, [BIN, ...args], {
      cwd: home,
      env: Object.fromEntries(
        Object.entries({ ...baseEnv(), ...env }).filter(([, v]) => v !== undefined),
      ),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  return {
    home,
    spawn: spawnCli,
    run(args, options = {}) {
      return new Promise((resolve, reject) => {
        const child = spawnCli(args, options.env);
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.once('error', reject);
        child.stdin.end(options.input ?? '');
        child.once('close', (code, signal) =>
          resolve({
            code,
            signal,
            stdout,
            stderr,
            json: <T>() => {
              try {
                return JSON.parse(stdout) as T;
              } catch {
                throw new Error(`stdout is not one JSON document:\n${stdout}\nstderr:\n${stderr}`);
              }
            },
          }),
        );
      });
    },
    cleanup: () => rm(home, { recursive: true, force: true }),
  };
}

/** init with the cheapest level, so the tests spend little time in Argon2id. */
export async function initHome(cli: CliHome): Promise<void> {
  const r = await cli.run([
    'crypto',
    'init',
    '--method',
    'random',
    '--security-level',
    'interactive',
  ]);
  if (r.code !== 0) throw new Error(`init failed: ${r.stderr}`);
}

/**
 * generate-key under `keyId` in `cli`'s home; resolves to the public key in hex. Tests make the
 * keys they use, each under its own id, so that every test stands alone (`vitest -t`).
 */
export async function generateKey(cli: CliHome, keyId: string): Promise<string> {
  const r = await cli.run(['crypto', 'generate-key', '--key-id', keyId, '--format', 'hex']);
  if (r.code !== 0) throw new Error(`generate-key ${keyId} failed: ${r.stderr}`);
  return r.stdout.trim();
}

/**
 * A new key under `keyId`, registered with the server at `serverUrl` as `clientId` by
 * register-key; resolves to its public key in hex.
 */
export async function registerNewKey(
  cli: CliHome,
  serverUrl: string,
  keyId: string,
  clientId: string,
): Promise<string> {
  const publicKey = await generateKey(cli, keyId);
  const r = await cli.run([
    'crypto',
    'register-key',
    '--key-id',
    keyId,
    '--server',
    serverUrl,
    '--client-id',
    clientId,
  ]);
  if (r.code !== 0) throw new Error(`register-key ${keyId} failed: ${r.stderr}`);
  return publicKey;
}

/**
 * Runs `test` in a home of its own, initialised unless `init` is false, and removes it after:
 * for a test that changes the configuration or damages the key directory, which the other tests
 * of its file share.
 */
export async function inOwnHome<T>(
  test: (cli: CliHome) => Promise<T>,
  { init = true }: { init?: boolean } = {},
): Promise<T> {
  const cli = await createHome();
  try {
    if (init) await initHome(cli);
    return await test(cli);
  } finally {
    await cli.cleanup();
  }
}
