/** A throwaway PostgreSQL cluster on 127.0.0.1 and a free port, in a temporary directory. */
export interface PostgresCluster {
  port: number;
  /** The URL of a fresh, empty database in this cluster (user `postgres`, trust auth). */
  createDatabase(): Promise<string>;
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
