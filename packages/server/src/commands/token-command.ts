import { DataFoldError } from '@datafold/js-sdk';
import type { ServerConfig } from '../config/server-config.js';
import {
  type ControlHandlers,
  type ControlRequest,
  sendControlCommand,
} from '../control/control-socket.js';
import { isDataDirLocked } from '../db/data-dir-lock.js';
import { migrateToLatest } from '../db/migrate-to-latest.js';
import { openDatabase, type OpenDatabase } from '../db/open-database.js';
import { WriteBatcher } from '../db/write-batcher.js';
import {
  AdminTokenService,
  type CreatedToken,
  type TokenActor,
  type TokenRevocation,
  type TokenView,
} from '../domain/admin-token-service.js';
import {
  parseTokenId,
  parseTokenLabel,
  parseTokenRole,
  parseTokenTtl,
} from '../domain/admin-tokens.js';
import { AuditRepository } from '../repositories/audit-repository.js';
import { TokenRepository } from '../repositories/token-repository.js';
import { takeFlag, takeOption } from './take-option.js';
import { UsageError } from './usage-error.js';
import {
  type CommandOutput,
  printCreated,
  printRevocation,
  printTokens,
  processOutput,
} from './token-output.js';

/** The CLI acts for whoever may open the data directory or the database: the host's operator. */
const OPERATOR: TokenActor = { kind: 'operator' };

/** The `token` subcommands as `--help` shows them. */
export const TOKEN_USAGE = `usage:
  datafold-server token create --role admin|auditor [--label TEXT] [--ttl 90d|12h|never] [--json]
  datafold-server token list [--all] [--json]
  datafold-server token revoke TOKEN_ID [--json]`;

/** A parsed `token` command line; `rest` is left for loadConfig (server options). */
export type TokenCommand = (
  | { action: 'create'; role: string; label: string | undefined; ttl: string | undefined }
  | { action: 'list'; all: boolean }
  | { action: 'revoke'; tokenId: string }
) & { json: boolean; rest: string[] };

/**
 * Reads `token create|list|revoke` and its options out of argv (after `token`). Values are
 * checked here, before any database is opened, with messages that name the flags.
 *
 * @example
 * const command = parseTokenCommand(['revoke', id, '--data-dir', dir]); // rest: ['--data-dir', dir]
 */
const TOKEN_ACTIONS = ['create', 'list', 'revoke'];

export function parseTokenCommand(argv: readonly string[]): TokenCommand {
  const [action, ...rest] = argv;
  const json = takeFlag(rest, '--json');
  if (action === 'create') {
    const role = takeOption(rest, '--role');
    const label = takeOption(rest, '--label');
    const ttl = takeOption(rest, '--ttl');
    parseTokenRole(role, '--role');
    parseTokenLabel(label, '--label');
    parseTokenTtl(ttl, '--ttl');
    return { action, role: role!, label, ttl, json, rest };
  }
  if (action === 'list') return { action, all: takeFlag(rest, '--all'), json, rest };
  if (action === 'revoke' && rest[0] !== undefined && !rest[0].startsWith('--')) {
    const tokenId = rest.shift()!;
    parseTokenId(tokenId, 'token revoke');
    return { action, tokenId, json, rest };
  }
  if (action === 'revoke') throw new UsageError(`token revoke needs a token id\n${TOKEN_USAGE}`);
  throw new UsageError(
    action === undefined ? TOKEN_USAGE : `unknown token command "${action}"\n${TOKEN_USAGE}`,
    action === undefined ? undefined : { typed: action, candidates: TOKEN_ACTIONS },
  );
}

/**
 * The control-socket commands a running server answers for `datafold-server token …`, so the
 * CLI works beside a server that holds the SQLite directory. The server acts for the operator.
 *
 * @example
 * await listenControlSocket(dataDir, tokenControlHandlers(ctx.tokens));
 */
export function tokenControlHandlers(tokens: AdminTokenService): ControlHandlers {
  return {
    'token.create': (request) =>
      tokens.create({ role: request.role, label: request.label, ttl: request.ttl }, OPERATOR),
    'token.list': (request) => tokens.listAll(request.all === true ? null : 'active'),
    'token.revoke': (request) => tokens.revoke(request.token_id, OPERATOR),
  };
}

/**
 * The token service over a database this process opened: audit appends run in its own write
 * batcher, which must write the audit head before each commit exactly as the server's does.
 */
function tokenServiceOver(database: OpenDatabase): AdminTokenService {
  const batcher = new WriteBatcher(database.db);
  const audit = new AuditRepository(database.db, database.dialect);
  batcher.beforeCommit((trx) => audit.writeHead(trx));
  return new AdminTokenService(batcher, audit, new TokenRepository(database.db));
}

/**
 * Runs one token operation: on the database directly, or, when a running server holds the
 * SQLite directory, through that server's control socket. PostgreSQL has no directory lock, so
 * there the command always opens the database itself, beside any number of servers.
 */
async function onTokens<T>(
  config: ServerConfig,
  request: ControlRequest,
  direct: (tokens: AdminTokenService) => Promise<T>,
): Promise<T> {
  try {
    const database = openDatabase(config, {
      command: `datafold-server ${request.command.replace('.', ' ')}`,
    });
    try {
      await migrateToLatest(database.db);
      return await direct(tokenServiceOver(database));
    } finally {
      await database.close();
    }
  } catch (error) {
    if (!isDataDirLocked(error)) throw error;
    // The holder is a server (or another command, which has no socket: then the lock error stands).
    return sendControlCommand<T>(config.dataDir, request).catch((socketError: unknown) => {
      if (socketError instanceof DataFoldError) throw socketError;
      throw error;
    });
  }
}

/**
 * `datafold-server token create|list|revoke`: create prints the token once (stdout) and what it
 * is (stderr); list prints a table of active tokens (`--all`: expired and revoked too); revoke
 * takes a token id, never a token, and revokes every token it made as well. `--json` prints
 * records instead, for scripts.
 *
 * @example
 * await tokenCommand(loadConfig(command.rest, process.env), parseTokenCommand(argv.slice(1)));
 */
export async function tokenCommand(
  config: ServerConfig,
  command: TokenCommand,
  output: CommandOutput = processOutput,
): Promise<void> {
  if (command.action === 'create') {
    const request = { role: command.role, label: command.label, ttl: command.ttl };
    const created = await onTokens<CreatedToken>(
      config,
      { command: 'token.create', ...request },
      (tokens) => tokens.create(request, OPERATOR),
    );
    printCreated(created, command.json, output);
  } else if (command.action === 'list') {
    const tokens = await onTokens<TokenView[]>(
      config,
      { command: 'token.list', all: command.all },
      (service) => service.listAll(command.all ? null : 'active'),
    );
    printTokens(tokens, command.json, command.all, output);
  } else {
    const revocation = await onTokens<TokenRevocation>(
      config,
      { command: 'token.revoke', token_id: command.tokenId },
      (tokens) => tokens.revoke(command.tokenId, OPERATOR),
    );
    printRevocation(revocation, command.json, output);
  }
}
