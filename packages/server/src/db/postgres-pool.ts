import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { DatabaseTimeoutError } from './database-fault.js';

/**
 * Time limits of every connection, chosen so a dead or unreachable database turns into a coded
 * 503 within seconds instead of requests that hang. A database that is merely slow gets the same
 * answer from its own statement_timeout before the watchdog fires.
 */
export const POSTGRES_LIMITS = {
  /** Waiting for a new connection, or for a free one from a full pool. */
  connectMs: 3_000,
  /** PostgreSQL cancels a statement after this (SQLSTATE 57014, answered as busy). */
  statementMs: 5_000,
  /** Waiting for a row lock (the audit head) before giving up (55P03). */
  lockMs: 5_000,
  /**
   * PostgreSQL ends a session that sits inside a transaction this long: a frozen instance must
   * not hold the audit head's lock, which every instance's writes wait for, for ever.
   */
  idleInTransactionMs: 10_000,
  /** No answer at all by then (a cut network): the connection is destroyed and replaced. */
  watchdogMs: 6_000,
} as const;

/** Where pool events are reported: a connection lost while idle or checked out. */
export type PoolErrorReporter = (error: Error) => void;

type Query = PostgresPoolClient['query'];

/**
 * Destroys a client's socket, which `pg` does not type: every query on it fails at once and the
 * client emits 'error' and 'end'. `client.end()` alone may wait for ever on a cut network.
 */
export function destroySocket(client: pg.ClientBase): void {
  (
    client as unknown as { connection?: { stream?: { destroy(): void } } }
  ).connection?.stream?.destroy();
}

/**
 * Runs a query with a deadline: when the database does not answer within `watchdogMs` (packets
 * dropped, no RST), the socket is destroyed so the pool replaces the connection, and the caller
 * gets DatabaseTimeoutError, a 503. TCP keepalive alone would take minutes to notice.
 */
function guard(client: pg.PoolClient): PostgresPoolClient {
  const query = ((sql: string, parameters: readonly unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        destroySocket(client);
        reject(
          new DatabaseTimeoutError(`no answer from PostgreSQL in ${POSTGRES_LIMITS.watchdogMs} ms`),
        );
      }, POSTGRES_LIMITS.watchdogMs);
      client.query(sql, parameters as unknown[]).then(
        (result) => {
          clearTimeout(timer);
          resolve(result);
        },
        (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    })) as Query;
  return { query, release: () => client.release() };
}

/**
 * The PostgreSQL pool behind Kysely, hardened for the database going away: every client gets an
 * `'error'` listener from the moment it connects (pg emits `'error'` on a checked-out client whose
 * backend is terminated; unhandled, that event ends the process), connections have the time limits
 * above, and broken ones are dropped by the pool on release (pg-pool checks `_queryable`).
 *
 * @example
 * const pool = createPostgresPool(url, (e) => log.warn({ err: e }, 'connection lost'));
 * const db = new Kysely({ dialect: new PostgresDialect({ pool: pool.kysely }) });
 */
export function createPostgresPool(
  connectionString: string,
  onError: PoolErrorReporter,
  { max = 10, applicationName = 'datafold-server' } = {},
): { pool: pg.Pool; kysely: PostgresPool } {
  const pool = new pg.Pool({
    connectionString,
    max,
    application_name: applicationName,
    connectionTimeoutMillis: POSTGRES_LIMITS.connectMs,
    statement_timeout: POSTGRES_LIMITS.statementMs,
    lock_timeout: POSTGRES_LIMITS.lockMs,
    idle_in_transaction_session_timeout: POSTGRES_LIMITS.idleInTransactionMs,
    keepAlive: true,
  });
  pool.on('error', onError); // an idle client lost
  pool.on('connect', (client) => client.on('error', onError)); // a checked-out client lost
  const guarded = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const kysely: PostgresPool = {
    async connect() {
      const client = await pool.connect();
      let wrapper = guarded.get(client);
      if (!wrapper) {
        wrapper = guard(client);
        guarded.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
  return { pool, kysely };
}
