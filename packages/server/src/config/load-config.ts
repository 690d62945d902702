import { resolve } from 'node:path';
import { ValidationError } from '@datafold/js-sdk';
import { formatDuration, parseDuration } from './duration.js';
import { UsageError } from '../commands/usage-error.js';
import {
  defaultConfig,
  LOG_LEVELS,
  SIGN_IN_LINK_MODES,
  type ServerConfig,
  type SignInLinkMode,
} from './server-config.js';
import { parseTrustProxy } from './trust-proxy.js';

/** One option: its flag, its environment variable, and how to read a value. */
interface OptionSpec {
  flag: string;
  env: string;
  apply: (config: ServerConfig, raw: string, source: string) => void;
}

function bad(source: string, expected: string): never {
  throw new ValidationError('INVALID_CONFIG', `${source} must be ${expected}`, { option: source });
}

function integer(raw: string, source: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) bad(source, `an integer from ${min} to ${max}`);
  const n = Number(raw);
  if (n < min || n > max) bad(source, `an integer from ${min} to ${max}`);
  return n;
}

function boolean(raw: string, source: string): boolean {
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off', ''].includes(raw.toLowerCase())) return false;
  return bad(source, '1 or 0 (true or false)');
}

function url(raw: string, source: string, schemes: string[]): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return bad(source, `a URL starting with ${schemes.join(' or ')}`);
  }
  if (!schemes.includes(parsed.protocol))
    bad(source, `a URL starting with ${schemes.join(' or ')}`);
  return raw;
}

/** An http(s) origin: scheme, host and port only (the server's public address). */
function origin(raw: string, source: string): string {
  const expected =
    'an http(s) origin like https://keys.example.com (no path, query or credentials)';
  url(raw, source, ['http:', 'https:']);
  const parsed = new URL(raw);
  if (parsed.username || parsed.password || parsed.pathname !== '/' || parsed.search || parsed.hash)
    bad(source, expected);
  if (raw.replace(/\/$/, '').toLowerCase() !== parsed.origin) bad(source, expected);
  return parsed.origin;
}

/** Connection timeouts: 100 ms to 1 hour, written with a unit. */
function timeout(raw: string, source: string): number {
  const ms = parseDuration(raw, ['ms', 's', 'm', 'h']);
  if (ms === null || ms < 100 || ms > 3_600_000) {
    bad(source, 'a duration from 100ms to 1h with its unit, e.g. 500ms, 10s, 2m');
  }
  return ms;
}

const OPTIONS: OptionSpec[] = [
  { flag: '--host', env: 'DATAFOLD_HOST', apply: (c, v) => (c.host = v) },
  { flag: '--port', env: 'DATAFOLD_PORT', apply: (c, v, s) => (c.port = integer(v, s, 0, 65535)) },
  { flag: '--data-dir', env: 'DATAFOLD_DATA_DIR', apply: (c, v) => (c.dataDir = v) },
  {
    flag: '--database-url',
    env: 'DATABASE_URL',
    apply: (c, v, s) => (c.databaseUrl = v ? url(v, s, ['postgres:', 'postgresql:']) : null),
  },
  {
    flag: '--redis-url',
    env: 'REDIS_URL',
    apply: (c, v, s) => (c.redisUrl = v ? url(v, s, ['redis:', 'rediss:']) : null),
  },
  { flag: '--tls-cert', env: 'DATAFOLD_TLS_CERT', apply: (c, v) => (c.tlsCertPath = v || null) },
  { flag: '--tls-key', env: 'DATAFOLD_TLS_KEY', apply: (c, v) => (c.tlsKeyPath = v || null) },
  {
    flag: '--cors-origins',
    env: 'DATAFOLD_CORS_ORIGINS',
    apply: (c, v, s) => {
      const origins = v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean);
      for (const origin of origins) {
        if (url(origin, s, ['http:', 'https:']) && new URL(origin).origin !== origin) {
          bad(s, 'a comma-separated list of origins like https://app.example.com (no path)');
        }
      }
      c.corsOrigins = origins;
    },
  },
  {
    flag: '--log-level',
    env: 'DATAFOLD_LOG_LEVEL',
    apply: (c, v, s) => {
      if (!(LOG_LEVELS as readonly string[]).includes(v)) bad(s, `one of ${LOG_LEVELS.join(', ')}`);
      c.logLevel = v as ServerConfig['logLevel'];
    },
  },
  {
    flag: '--body-limit',
    env: 'DATAFOLD_BODY_LIMIT',
    apply: (c, v, s) => (c.bodyLimit = integer(v, s, 1024, 16 * 1024 * 1024)),
  },
  {
    flag: '--rate-limit-ip',
    env: 'DATAFOLD_RATE_LIMIT_IP',
    apply: (c, v, s) => (c.rateLimitPerIp = integer(v, s, 0, 100_000_000)),
  },
  {
    flag: '--trust-proxy',
    env: 'DATAFOLD_TRUST_PROXY',
    apply: (c, v, s) => (c.trustProxy = parseTrustProxy(v, s)),
  },
  {
    flag: '--rate-limit-client',
    env: 'DATAFOLD_RATE_LIMIT_CLIENT',
    apply: (c, v, s) => (c.rateLimitPerClient = integer(v, s, 0, 100_000_000)),
  },
  {
    flag: '--rate-limit-failures-ip',
    env: 'DATAFOLD_RATE_LIMIT_FAILURES_IP',
    apply: (c, v, s) => (c.rateLimitFailuresPerIp = integer(v, s, 0, 100_000_000)),
  },
  {
    flag: '--rate-limit-register-ip',
    env: 'DATAFOLD_RATE_LIMIT_REGISTER_IP',
    apply: (c, v, s) => (c.rateLimitRegistrationsPerIp = integer(v, s, 0, 100_000_000)),
  },
  {
    flag: '--verify-cache-size',
    env: 'DATAFOLD_VERIFY_CACHE_SIZE',
    apply: (c, v, s) => (c.verifyCacheSize = integer(v, s, 0, 10_000_000)),
  },
  {
    flag: '--verify-threads',
    env: 'DATAFOLD_VERIFY_THREADS',
    apply: (c, v, s) => (c.verifyThreads = integer(v, s, 0, 1)),
  },
  {
    flag: '--header-timeout',
    env: 'DATAFOLD_HEADER_TIMEOUT',
    apply: (c, v, s) => (c.headerTimeoutMs = timeout(v, s)),
  },
  {
    flag: '--body-timeout',
    env: 'DATAFOLD_BODY_TIMEOUT',
    apply: (c, v, s) => (c.bodyTimeoutMs = timeout(v, s)),
  },
  {
    flag: '--idle-timeout',
    env: 'DATAFOLD_IDLE_TIMEOUT',
    apply: (c, v, s) => (c.idleTimeoutMs = timeout(v, s)),
  },
  {
    flag: '--require-proof',
    env: 'DATAFOLD_REQUIRE_PROOF',
    apply: (c, v, s) => (c.requireProof = boolean(v, s)),
  },
  {
    flag: '--allow-unproven-registration',
    env: 'DATAFOLD_ALLOW_UNPROVEN_REGISTRATION',
    apply: (c, v, s) => (c.requireProof = !boolean(v, s)),
  },
  {
    flag: '--require-signed-requests',
    env: 'DATAFOLD_REQUIRE_SIGNED_REQUESTS',
    apply: (c, v, s) => (c.requireSignedRequests = boolean(v, s)),
  },
  {
    flag: '--public-url',
    env: 'DATAFOLD_PUBLIC_URL',
    apply: (c, v, s) => (c.publicUrl = v ? origin(v, s) : null),
  },
  {
    flag: '--sign-in-link',
    env: 'DATAFOLD_SIGN_IN_LINK',
    apply: (c, v, s) => {
      if (!(SIGN_IN_LINK_MODES as readonly string[]).includes(v)) {
        bad(s, `one of ${SIGN_IN_LINK_MODES.join(', ')}`);
      }
      c.signInLink = v as SignInLinkMode;
    },
  },
];

/** The two flags that say whether registration needs a proof; they must not contradict. */
const PROOF_SWITCHES = new Set(['--require-proof', '--allow-unproven-registration']);
/** Flags that may stand alone, meaning 1 (`--require-proof` is `--require-proof 1`). */
const SWITCHES = new Set([...PROOF_SWITCHES, '--require-signed-requests']);

/**
 * Reads the configuration from command-line flags (`--port 9002` or `--port=9002`) over
 * environment variables over defaults, and validates every value. A bad value throws
 * INVALID_CONFIG naming the flag or variable and what it must be.
 *
 * @example
 * const config = loadConfig(process.argv.slice(2), process.env);
 */
export function loadConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = process.cwd(),
): ServerConfig {
  const config = defaultConfig();
  // Who said what about proofs: contradicting settings are refused, not resolved by order.
  const proofSettings: Array<{ source: string; requireProof: boolean }> = [];
  const apply = (option: OptionSpec, value: string, source: string) => {
    option.apply(config, value, source);
    if (PROOF_SWITCHES.has(option.flag))
      proofSettings.push({ source, requireProof: config.requireProof });
  };
  for (const option of OPTIONS) {
    const value = env[option.env];
    if (value !== undefined) apply(option, value, option.env);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const option = OPTIONS.find((o) => o.flag === flag);
    if (!option) {
      throw new UsageError(`unknown option ${flag} (datafold-server --help lists them)`, {
        typed: flag,
        candidates: OPTIONS.map((o) => o.flag),
      });
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (SWITCHES.has(flag) && (argv[i + 1] ?? '--').startsWith('--')) value = '1';
    else value = argv[++i];
    if (value === undefined) throw new UsageError(`${flag} must be followed by a value`);
    apply(option, value, flag);
  }
  const strict = proofSettings.find((p) => p.requireProof);
  const lax = proofSettings.find((p) => !p.requireProof);
  if (strict && lax) {
    bad(
      `${strict.source} and ${lax.source}`,
      'consistent: one requires proofs of possession, the other allows registration without them',
    );
  }
  if ((config.tlsCertPath === null) !== (config.tlsKeyPath === null)) {
    bad('--tls-cert/--tls-key', 'given together (both or neither)');
  }
  // The body timeout counts from the same first byte as the header timeout and includes it.
  if (config.headerTimeoutMs > config.bodyTimeoutMs) {
    bad(
      '--header-timeout',
      `at most --body-timeout (${formatDuration(config.bodyTimeoutMs)}): the body timeout covers the headers too`,
    );
  }
  config.dataDir = resolve(cwd, config.dataDir);
  return config;
}
