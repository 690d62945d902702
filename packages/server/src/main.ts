#!/usr/bin/env node
import { auditVerify } from './commands/audit-command.js';
import { describeStartError } from './commands/describe-start-error.js';
import { exitCodeOf, UsageError } from './commands/usage-error.js';
import { serve } from './commands/serve-command.js';
import { parseTokenCommand, tokenCommand } from './commands/token-command.js';
import { loadConfig } from './config/load-config.js';
import type { ServerConfig } from './config/server-config.js';
import { SERVER_VERSION } from './version.js';

const HELP = `datafold-server — DataFold key registration and verification server

Usage:
  datafold-server [serve] [options]          start the server (default 127.0.0.1:9001)
  datafold-server --version                  print the version
  datafold-server token create --role admin|auditor [--label TEXT] [--ttl 90d|12h|never]
                                             print a new admin token once (only its hash is stored);
                                             it expires after --ttl (default 90d; never if asked)
  datafold-server token list [--all]         active tokens: id, role, expiry, last use, label
                                             (--all: expired and revoked ones too)
  datafold-server token revoke TOKEN_ID      revoke a token by its id (never the token itself) and
                                             every token it made; refused at once everywhere
  datafold-server audit verify [options]     check the audit log's hash chain (read-only)

One process owns a SQLite --data-dir at a time; a second is refused (DATA_DIR_LOCKED). Run many
instances against one PostgreSQL (--database-url) instead.

Token commands take the storage options below and --json (records, for scripts). Beside a running
SQLite server, that server runs them through its control socket; otherwise they open the database.

Options (each also read from the environment variable shown):
  --host HOST              DATAFOLD_HOST            default 127.0.0.1
  --port PORT              DATAFOLD_PORT            default 9001
  --data-dir DIR           DATAFOLD_DATA_DIR        default ./.datafold-data (SQLite)
  --database-url URL       DATABASE_URL             postgres://… switches to PostgreSQL
  --redis-url URL          REDIS_URL                shares rate limits and signed requests' nonces
                                                    across instances (else nonces in the database)
  --tls-cert FILE          DATAFOLD_TLS_CERT        serve HTTPS (with --tls-key)
  --tls-key FILE           DATAFOLD_TLS_KEY
  --cors-origins LIST      DATAFOLD_CORS_ORIGINS    comma-separated allowed origins
  --log-level LEVEL        DATAFOLD_LOG_LEVEL       fatal|error|warn|info|debug|trace|silent
  --body-limit BYTES       DATAFOLD_BODY_LIMIT      default 65536
  --rate-limit-ip N        DATAFOLD_RATE_LIMIT_IP   requests/minute per IP, 0 = off (default 60000);
                                                    every limit is per minute, 0 turns it off
  --trust-proxy LIST|HOPS  DATAFOLD_TRUST_PROXY     proxies whose X-Forwarded-For gives the client IP:
                                                    addresses/CIDRs (10.0.0.0/8,127.0.0.1) or a hop
                                                    count (1); default none (the header is ignored)
  --rate-limit-client N    DATAFOLD_RATE_LIMIT_CLIENT  successful verifications, revocations and
                                                    rotations per client (default 6000)
  --rate-limit-failures-ip N  DATAFOLD_RATE_LIMIT_FAILURES_IP  4xx answers per IP before it is
                                                    refused (default 600)
  --rate-limit-register-ip N  DATAFOLD_RATE_LIMIT_REGISTER_IP  successful registrations per IP
                                                    (default 600)
  --verify-cache-size N    DATAFOLD_VERIFY_CACHE_SIZE  verify lookups cached in memory (default
                                                    100000, 0 = off); on PostgreSQL kept current by
                                                    LISTEN/NOTIFY, bypassed while that feed is down
  --verify-threads 0|1     DATAFOLD_VERIFY_THREADS  check signatures on a second thread
                                                    (default 1 with two or more cores)
  --require-proof          DATAFOLD_REQUIRE_PROOF=1 registration needs proof of possession (default)
  --allow-unproven-registration                     accept registrations without proof, for existing
                           DATAFOLD_ALLOW_UNPROVEN_REGISTRATION=1   DataFold clients that send none:
                                                    anyone may then register a key they copied
  --require-signed-requests DATAFOLD_REQUIRE_SIGNED_REQUESTS=1  every /api/crypto/ route but
                                                    registration needs an RFC 9421 signature by the
                                                    client's active key (default off)
  --public-url ORIGIN      DATAFOLD_PUBLIC_URL      the origin clients call (https://keys.example),
                                                    for signed requests behind a proxy
  --header-timeout DURATION DATAFOLD_HEADER_TIMEOUT a request's headers must arrive within this of
                                                    its first byte (or of the connection, or of the
                                                    TLS handshake); else 408 and closed (default 10s)
  --body-timeout DURATION  DATAFOLD_BODY_TIMEOUT    the whole request, headers and body, likewise
                                                    (default 30s; at least --header-timeout)
  --sign-in-link auto|always|never  DATAFOLD_SIGN_IN_LINK  with no active admin token yet, serve
                                                    creates one and prints a dashboard sign-in link
                                                    to stdout, never to the logs: auto (default)
                                                    only when stdout is a terminal
  --idle-timeout DURATION  DATAFOLD_IDLE_TIMEOUT    close a kept-alive connection idle this long
                                                    (default 72s: longer than load balancers' 60s)
                                                    durations: 500ms, 10s, 2m, 1h (100ms to 1h)
`;

const COMMANDS = ['serve', 'token', 'audit'];

/**
 * The `datafold-server` command: serve (default), `token create|list|revoke`, `audit verify`.
 * Exit codes, as datafold_cli's: 0 success, 1 failure, 2 a command line it cannot read (with a
 * suggestion), 3 a configuration value refused, 8 `audit verify` found the chain broken.
 *
 * @example
 * // datafold-server --port 9001 --data-dir ./data
 */
export async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  if (args[0] === '--version' || args[0] === '-V') {
    process.stdout.write(`datafold-server ${SERVER_VERSION}\n`);
    return 0;
  }
  if (args[0] !== undefined && !args[0].startsWith('-') && !COMMANDS.includes(args[0])) {
    throw new UsageError(`unknown command "${args[0]}" (datafold-server --help lists them)`, {
      typed: args[0],
      candidates: COMMANDS,
    });
  }
  if (args[0] === 'token') {
    const command = parseTokenCommand(args.slice(1));
    config = loadConfig(command.rest, process.env);
    await tokenCommand(config, command);
    return 0;
  }
  if (args[0] === 'audit') {
    if (args[1] !== 'verify') {
      throw new UsageError(
        args[1] === undefined
          ? 'usage: datafold-server audit verify'
          : `unknown audit command "${args[1]}"`,
        args[1] === undefined ? undefined : { typed: args[1], candidates: ['verify'] },
      );
    }
    config = loadConfig(args.slice(2), process.env);
    return auditVerify(config);
  }
  if (args[0] === 'serve') args.shift();
  config = loadConfig(args, process.env);
  await serve(config);
  return -1; // keeps running until a signal
}

/** The configuration, once read: start-up errors mention its port and mask its database URL. */
let config: ServerConfig | undefined;

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`datafold-server: ${describeStartError(error, config)}\n`);
    process.exit(exitCodeOf(error));
  },
);
