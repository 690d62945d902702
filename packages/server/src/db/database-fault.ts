/**
 * Why the database could not do what was asked, when the reason lies outside this process:
 * `unreachable` (refused, reset, terminated, timed out, shutting down), `busy` (locked by another
 * writer), `disk_full`, `io_error`. Anything else is not a fault of this kind (a bug, a
 * constraint) and stays an internal error.
 */
export type DatabaseFaultReason = 'unreachable' | 'busy' | 'disk_full' | 'io_error';

/** Node socket errors that mean the database server is out of reach. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs (postgresql.org/docs/current/errcodes-appendix.html): class 08 connection exception,
 * 57P01-57P03 the server shutting down or starting, 25P03 our session ended by
 * idle_in_transaction_session_timeout; 53100 disk full and the rest of class 53 (out of memory,
 * too many connections); 57014 statement_timeout, 55P03 lock_timeout, 40001/40P01 serialization
 * failure and deadlock, all of which a retry of the same request resolves.
 */
function postgresFault(sqlState: string): DatabaseFaultReason | null {
  if (sqlState.startsWith('08')) return 'unreachable';
  if (['57P01', '57P02', '57P03', '25P03'].includes(sqlState)) return 'unreachable';
  if (sqlState === '53100') return 'disk_full';
  if (sqlState.startsWith('53')) return 'busy';
  if (['57014', '55P03', '40001', '40P01'].includes(sqlState)) return 'busy';
  return null;
}

/** better-sqlite3's SqliteError codes (sqlite.org/rescode.html), extended codes included. */
function sqliteFault(code: string): DatabaseFaultReason | null {
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code === 'SQLITE_FULL') return 'disk_full';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'io_error';
  if (code === 'SQLITE_PROTOCOL') return 'busy';
  return null;
}

/**
 * Messages of the `pg` driver and pool for a connection that died or never came, which carry no
 * code. Matched on the message because that is all the driver gives.
 */
const PG_CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'is not queryable',
  'Query read timeout',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
];

/** Our own marker for a query the connection watchdog cut off (see pg-pool.ts). */
export class DatabaseTimeoutError extends Error {
  readonly code = 'DATAFOLD_DB_TIMEOUT';
}

/**
 * Classifies an error thrown by a repository: the reason when the database (not this process, not
 * the request) is at fault, else null. Follows `cause` chains, since wrappers keep the original.
 *
 * @example
 * databaseFault(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })); // 'unreachable'
 */
export function databaseFault(error: unknown): DatabaseFaultReason | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof DatabaseTimeoutError) return 'unreachable';
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      if (SOCKET_CODES.has(code)) return 'unreachable';
      if (code.startsWith('SQLITE_')) {
        const reason = sqliteFault(code);
        if (reason) return reason;
      } else if (/^[0-9A-Z]{5}$/.test(code)) {
        const reason = postgresFault(code);
        if (reason) return reason;
      }
    }
    if (typeof message === 'string' && PG_CONNECTION_MESSAGES.some((m) => message.includes(m))) {
      return 'unreachable';
    }
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * What a log line may say about a database error: its message and code. Driver errors carry the
 * whole client (connection parameters, buffers) as properties; pino would serialise all of it.
 *
 * @example
 * log.warn({ err: loggableDatabaseError(error) }, 'database connection lost');
 */
export function loggableDatabaseError(error: unknown): { message: string; code?: string } {
  const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
  return {
    message: typeof message === 'string' ? message : String(error),
    ...(typeof code === 'string' ? { code } : {}),
  };
}
