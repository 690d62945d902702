import type { CreatedToken, TokenRevocation, TokenView } from '../domain/admin-token-service.js';

/** Where a command writes: stdout for results, stderr for what a person reads beside them. */
export interface CommandOutput {
  out(text: string): void;
  note(text: string): void;
}

/**
 * The process's own stdout and stderr.
 *
 * @example
 * printCreated(created, false, processOutput);
 */
export const processOutput: CommandOutput = {
  out: (text) => process.stdout.write(text),
  note: (text) => process.stderr.write(text),
};

/** `2026-11-22T09:30:27.835Z` → `2026-11-22 09:30Z`: minutes are enough to read a table by. */
function minute(at: string | null, none: string): string {
  return at === null ? none : `${at.slice(0, 10)} ${at.slice(11, 16)}Z`;
}

/**
 * Prints a new token: the token alone on stdout (so `$(datafold-server token create …)` is the
 * token), what it is on stderr. With `json`, the whole record, token included, on stdout.
 *
 * @example
 * printCreated(created, false, processOutput);
 */
export function printCreated(created: CreatedToken, json: boolean, output: CommandOutput): void {
  const label = created.label === null ? '' : ` "${created.label}"`;
  const expiry =
    created.expires_at === null
      ? 'It never expires: revoke it with datafold-server token revoke when it is no longer needed.'
      : `It expires ${created.expires_at}.`;
  output.note(
    `Created ${created.role} token ${created.token_id}${label}. ${expiry}\n` +
      'The token is shown once; store it now.\n',
  );
  output.out(json ? `${JSON.stringify(created, null, 2)}\n` : `${created.token}\n`);
}

/**
 * Prints tokens as a table (or JSON): id, role, status, created, expires, last used, label.
 *
 * @example
 * printTokens(await tokens.listAll('active'), false, processOutput);
 */
export function printTokens(
  tokens: readonly TokenView[],
  json: boolean,
  all: boolean,
  output: CommandOutput,
): void {
  if (json) {
    output.out(`${JSON.stringify(tokens, null, 2)}\n`);
    return;
  }
  if (tokens.length === 0) {
    output.note(
      all
        ? 'No admin tokens.\n'
        : 'No active admin tokens (token list --all shows expired and revoked ones).\n',
    );
    return;
  }
  const rows = [
    ['TOKEN ID', 'ROLE', 'STATUS', 'CREATED', 'EXPIRES', 'LAST USED', 'LABEL'],
    ...tokens.map((t) => [
      t.token_id,
      t.role,
      t.status,
      minute(t.created_at, ''),
      minute(t.expires_at, 'never'),
      minute(t.last_used, '-'),
      t.label ?? '',
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) {
    output.out(
      `${row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd()}\n`,
    );
  }
}

/**
 * Prints what a revocation did.
 *
 * @example
 * printRevocation(await tokens.revoke(id, operator), false, processOutput);
 */
export function printRevocation(
  revocation: TokenRevocation,
  json: boolean,
  output: CommandOutput,
): void {
  if (json) {
    output.out(`${JSON.stringify(revocation, null, 2)}\n`);
    return;
  }
  const [first, ...made] = revocation.revoked_token_ids;
  if (first === undefined) {
    output.out(`Token ${revocation.token_id} was already revoked at ${revocation.revoked_at}.\n`);
    return;
  }
  output.out(`Revoked token ${first}.\n`);
  if (made.length > 0) {
    output.out(`Also revoked ${made.length} token(s) it made: ${made.join(', ')}.\n`);
  }
}
