import { DataFoldError } from '@datafold/js-sdk';
import type { ServerConfig } from '../config/server-config.js';
import { type ControlHandlers, sendControlCommand } from '../control/control-socket.js';
import { isDataDirLocked } from '../db/data-dir-lock.js';
import { migrateToLatest } from '../db/migrate-to-latest.js';
import { openDatabase } from '../db/open-database.js';
import { ADMIN_ROLES, createAdminToken, type AdminRole } from '../domain/admin-tokens.js';
import { TokenRepository } from '../repositories/token-repository.js';

function parseRole(role: unknown): AdminRole {
  if (typeof role !== 'string' || !ADMIN_ROLES.includes(role as AdminRole)) {
    throw new DataFoldError(
      'INVALID_ARGUMENT',
      'token create needs --role admin or --role auditor',
    );
  }
  return role as AdminRole;
}

function parseLabel(label: unknown): string | null {
  if (label === undefined || label === null) return null;
  if (typeof label !== 'string' || label.length > 200) {
    throw new DataFoldError('INVALID_ARGUMENT', '--label must be text of at most 200 characters');
  }
  return label;
}

/** The control-socket commands a running server answers for `datafold-server token …`. */
export function tokenControlHandlers(tokens: TokenRepository): ControlHandlers {
  return {
    'token.create': (request) =>
      createAdminToken(tokens, parseRole(request.role), parseLabel(request.label)),
  };
}

/**
 * `datafold-server token create --role admin|auditor [--label TEXT]`: prints a new token once
 * (only its hash is stored). With a SQLite directory held by a running server, the server makes
 * the token (the control socket); otherwise this process opens the database itself.
 *
 * @example
 * await tokenCreate(loadConfig(['--data-dir', dir], process.env), 'admin', 'on-call');
 */
export async function tokenCreate(
  config: ServerConfig,
  roleOption: string | undefined,
  labelOption: string | undefined,
): Promise<void> {
  const role = parseRole(roleOption);
  const label = parseLabel(labelOption);
  let created: { token: string; tokenId: string };
  try {
    const database = openDatabase(config, { command: 'datafold-server token create' });
    try {
      await migrateToLatest(database.db);
      created = await createAdminToken(new TokenRepository(database.db), role, label);
    } finally {
      await database.close();
    }
  } catch (error) {
    if (!isDataDirLocked(error)) throw error;
    // The holder is a server (or another command, which has no socket: then the lock error stands).
    created = await sendControlCommand<{ token: string; tokenId: string }>(config.dataDir, {
      command: 'token.create',
      role,
      label,
    }).catch((socketError: unknown) => {
      if (socketError instanceof DataFoldError) throw socketError;
      throw error;
    });
  }
  process.stderr.write(
    `Created ${role} token ${created.tokenId}. It is shown once; store it now.\n`,
  );
  process.stdout.write(`${created.token}\n`);
}
