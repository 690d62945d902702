import type { SecurityLevel } from './security-levels.js';

/** How `crypto init` made the master key. */
export type MasterKeyMethod = 'random' | 'passphrase';

/**
 * The CLI configuration file (`~/.datafold/config.json`, or DATAFOLD_CONFIG_PATH), in the shape
 * of the seed's "CLI Configuration Types". Only the `crypto` section is ours; other sections are
 * kept as they are. `init` writes every member; a hand-written file may leave out
 * `key_derivation` (then the security level's cost), `server` (the defaults) and `storage`
 * (`~/.datafold/keys`), as the document's "Default Configuration" does.
 */
export interface CliConfig {
  crypto: CryptoConfig;
  [section: string]: unknown;
}

export interface CryptoConfig {
  master_key_method: MasterKeyMethod;
  security_level: SecurityLevel;
  /** Argon2id cost for new key files and backups; follows security_level unless set by hand. */
  key_derivation: {
    algorithm: 'argon2';
    memory_cost: number;
    time_cost: number;
    parallelism: number;
  };
  /** The API document's name for `storage.path`; read when `storage.path` is absent. */
  key_storage_path?: string;
  storage: {
    /** The key directory; `~` is the home directory. DATAFOLD_CRYPTO_STORAGE overrides it. */
    path: string;
    permissions: '0600';
    backup_enabled: boolean;
  };
  server: {
    default_url: string;
    timeout: number;
    verify_ssl: boolean;
    retry_attempts: number;
  };
  /** The key id of the master key `init` created (derive-key and rotate --method rederive). */
  master_key_id: string;
  initialized_at: string;
}
