/** A throwaway PostgreSQL cluster on 127.0.0.1 and a free port, in a temporary directory. */
export interface PostgresCluster {
  port: number;
  /** The URL of a fresh, empty database in this cluster (user `postgres`, trust auth). */
  createDatabase(): Promise<string>;
  /**
   * Runs one SQL statement as `postgres` (psql, unaligned, tuples only) in `database` (default
   * `postgres`) and returns its output, e.g. to terminate other sessions' backends.
   */
  query(sql: string, database?: string): Promise<string>;
  /** Stops the PostgreSQL server, keeping its data (`pg_ctl stop -m fast` by default). */
  stopServer(mode?: 'smart' | 'fast' | 'immediate'): Promise<void>;
  /** Starts a stopped server again on the same port with the same data. */
  startServer(): Promise<void>;
  /** Stops the cluster at once and removes its directory. */
  stop(): void;
}

/**
 * Starts a PostgreSQL cluster (as a system user through runuser when run as root).
 *
 * @example
 *   const cluster = await startPostgresCluster();
 *   const url = await cluster.createDatabase();
 *   cluster.stop();
 */
export function startPostgresCluster(): Promise<PostgresCluster>;
