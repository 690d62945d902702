#!/usr/bin/env node
import { isDataFoldError } from '@datafold/js-sdk';
import { buildApp } from './app/build-app.js';
import { verifyAuditChain } from './audit/verify-audit-chain.js';
import { loadConfig } from './config/load-config.js';
import type { ServerConfig } from './config/server-config.js';
import { migrateToLatest } from './db/migrate-to-latest.js';
import { openDatabase } from './db/open-database.js';
import { ADMIN_ROLES, createAdminToken, type AdminRole } from './domain/admin-tokens.js';
import { AuditRepository } from './repositories/audit-repository.js';
import { TokenRepository } from './repositories/token-repository.js';

const HELP = `datafold-server — DataFold key registration and verification server

Usage:
  datafold-server [serve] [options]          start the server (default 127.0.0.1:9001)
  datafold-server token create --role admin|auditor [--label TEXT] [options]
                                             print a new admin token once (only its hash is stored)
  datafold-server audit verify [options]     check the audit log's hash chain

Options (each also read from the environment variable shown):
  --host HOST              DATAFOLD_HOST            default 127.0.0.1
  --port PORT              DATAFOLD_PORT            default 9001
  --data-dir DIR           DATAFOLD_DATA_DIR        default ./.datafold-data (SQLite)
  --database-url URL       DATABASE_URL             postgres://… switches to PostgreSQL
  --redis-url URL          REDIS_URL                shares rate limits across instances
  --tls-cert FILE          DATAFOLD_TLS_CERT        serve HTTPS (with --tls-key)
  --tls-key FILE           DATAFOLD_TLS_KEY
  --cors-origins LIST      DATAFOLD_CORS_ORIGINS    comma-separated allowed origins
  --log-level LEVEL        DATAFOLD_LOG_LEVEL       fatal|error|warn|info|debug|trace|silent
  --body-limit BYTES       DATAFOLD_BODY_LIMIT      default 65536
  --rate-limit-ip N        DATAFOLD_RATE_LIMIT_IP   requests/minute per IP, 0 = off (default 60000)
  --trust-proxy LIST|HOPS  DATAFOLD_TRUST_PROXY     proxies whose X-Forwarded-For gives the client IP:
                                                    addresses/CIDRs (10.0.0.0/8,127.0.0.1) or a hop
                                                    count (1); default none (the header is ignored)
  --rate-limit-client N    DATAFOLD_RATE_LIMIT_CLIENT  per client id (default 6000)
  --verify-cache-size N    DATAFOLD_VERIFY_CACHE_SIZE  verify lookups cached in memory, SQLite only
                                                    (default 100000, 0 = off)
  --verify-threads 0|1     DATAFOLD_VERIFY_THREADS  check signatures on a second thread
                                                    (default 1 with two or more cores)
  --require-proof          DATAFOLD_REQUIRE_PROOF=1 registration needs proof of possession
`;

/** Takes `--name value` out of argv; returns the value or undefined. */
function takeOption(argv: string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  const arg = argv[i]!;
  if (arg.includes('=')) {
    argv.splice(i, 1);
    return arg.slice(name.length + 1);
  }
  const value = argv[i + 1];
  argv.splice(i, 2);
  return value;
}

async function serve(config: ServerConfig): Promise<void> {
  const app = await buildApp(config);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    // app.close stops accepting, waits for in-flight requests, flushes and closes the database.
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  const address = await app.listen({ host: config.host, port: config.port });
  // One plain line for the person who started the server, beside the JSON logs for machines.
  process.stdout.write(
    `datafold-server listening on ${address} (dashboard at /, API docs at /docs)\n`,
  );
}

async function tokenCreate(argv: string[]): Promise<void> {
  const role = takeOption(argv, '--role');
  const label = takeOption(argv, '--label') ?? null;
  if (!role || !ADMIN_ROLES.includes(role as AdminRole)) {
    throw new Error('token create needs --role admin or --role auditor');
  }
  const config = loadConfig(argv, process.env);
  const database = openDatabase(config);
  try {
    await migrateToLatest(database.db);
    const { token, tokenId } = await createAdminToken(
      new TokenRepository(database.db),
      role as AdminRole,
      label,
    );
    process.stderr.write(`Created ${role} token ${tokenId}. It is shown once; store it now.\n`);
    process.stdout.write(`${token}\n`);
  } finally {
    await database.close();
  }
}

async function auditVerify(argv: string[]): Promise<number> {
  const config = loadConfig(argv, process.env);
  const database = openDatabase(config);
  try {
    await migrateToLatest(database.db);
    const report = await verifyAuditChain(new AuditRepository(database.db, database.dialect));
    if (report.ok) {
      process.stdout.write(
        `audit log intact: ${report.entries} entries, head ${report.headHash}\n`,
      );
      return 0;
    }
    process.stdout.write(
      `audit log BROKEN at entry ${report.brokenAtSeq}: ${report.problem} (${report.entries} entries verified before it)\n`,
    );
    return 2;
  } finally {
    await database.close();
  }
}

/**
 * The `datafold-server` command: serve (default), `token create`, `audit verify`.
 * Exit codes: 0 success, 1 bad configuration or failure, 2 audit chain broken.
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
  if (args[0] === 'token') {
    if (args[1] !== 'create')
      throw new Error('usage: datafold-server token create --role admin|auditor');
    await tokenCreate(args.slice(2));
    return 0;
  }
  if (args[0] === 'audit') {
    if (args[1] !== 'verify') throw new Error('usage: datafold-server audit verify');
    return auditVerify(args.slice(2));
  }
  if (args[0] === 'serve') args.shift();
  await serve(loadConfig(args, process.env));
  return -1; // keeps running until a signal
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    // The code first (INVALID_CONFIG for a bad option), as spec/errors.json names it.
    const message = isDataFoldError(error)
      ? `${error.code}: ${error.message}`
      : error instanceof Error
        ? error.message
        : String(error);
    process.stderr.write(`datafold-server: ${message}\n`);
    process.exit(1);
  },
);
