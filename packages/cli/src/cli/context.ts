/// <reference types="node" />
import type { FileKeyStorage } from '@datafold/js-sdk/node';
import { isDebugLoggingEnabled, StorageError } from '@datafold/js-sdk';

import type { CliConfig } from '../config/cli-config.js';
import { kdfParamsOf } from '../config/kdf-params.js';
import { configPath, loadConfig, storageDirectory } from '../config/config-file.js';
import type { Output } from '../io/output.js';
import { PassphraseReader } from '../io/passphrase.js';
import type { OptionValues } from './command.js';

/**
 * What a command gets: the output, the environment, the configuration (read on first use) and
 * the key store (opened on first use, refusing with CRYPTO_NOT_INITIALIZED before `init`).
 *
 * @example
 * const storage = await ctx.openStore();
 * const passphrase = await ctx.passphrase.get(`Passphrase for key "${keyId}"`);
 */
export class Context {
  readonly configPath: string;
  readonly passphrase: PassphraseReader;
  readonly backupPassphrase: PassphraseReader;
  private config: Promise<CliConfig | undefined> | undefined;
  private store: Promise<FileKeyStorage> | undefined;

  constructor(
    readonly out: Output,
    readonly env: NodeJS.ProcessEnv,
    readonly options: OptionValues,
  ) {
    this.configPath = configPath(
      env,
      typeof options.config === 'string' ? options.config : undefined,
    );
    const str = (name: string) => (typeof options[name] === 'string' ? options[name] : undefined);
    this.passphrase = new PassphraseReader(out, {
      file: str('passphrase-file'),
      stdin: options['passphrase-stdin'] === true,
      argv: str('passphrase'),
      envName: 'DATAFOLD_PASSPHRASE',
      env,
    });
    const ownBackupSource =
      str('backup-passphrase-file') !== undefined ||
      options['backup-passphrase-stdin'] === true ||
      str('backup-passphrase') !== undefined ||
      env.DATAFOLD_BACKUP_PASSPHRASE !== undefined;
    // Without a source of its own, the backup passphrase is the key passphrase.
    this.backupPassphrase = ownBackupSource
      ? new PassphraseReader(
          out,
          {
            file: str('backup-passphrase-file'),
            stdin: options['backup-passphrase-stdin'] === true,
            argv: str('backup-passphrase'),
            envName: 'DATAFOLD_BACKUP_PASSPHRASE',
            env,
          },
          'backup-passphrase',
        )
      : this.passphrase;
  }

  /**
   * The same run with another output (batch captures each operation's result): configuration,
   * store and passphrases are shared, so a passphrase is asked for once.
   */
  withOutput(out: Output, options: OptionValues): Context {
    const child = new Context(out, this.env, { ...this.options, ...options });
    Object.assign(child, { passphrase: this.passphrase, backupPassphrase: this.backupPassphrase });
    child.config = this.config;
    child.store = this.store;
    return child;
  }

  /** A debug line on stderr when this run logs (-v, RUST_LOG=debug, DATAFOLD_DEBUG=1). */
  debug(event: string, fields: Record<string, unknown> = {}): void {
    if (isDebugLoggingEnabled()) this.out.debug(event, fields);
  }

  get verbose(): boolean {
    return this.options.verbose === true;
  }

  /** The configuration, or undefined before `crypto init`. */
  loadConfig(): Promise<CliConfig | undefined> {
    return (this.config ??= loadConfig(this.configPath));
  }

  /** Forget the cached configuration (after init or config set wrote it). */
  reloadConfig(): void {
    this.config = undefined;
    this.store = undefined;
  }

  /** The configuration; CRYPTO_NOT_INITIALIZED (exit 4) before `crypto init`. */
  async requireConfig(): Promise<CliConfig> {
    const config = await this.loadConfig();
    if (config === undefined || typeof config.crypto !== 'object' || config.crypto === null) {
      throw new StorageError(
        'CRYPTO_NOT_INITIALIZED',
        `Crypto is not set up (no ${this.configPath}); run: datafold_cli crypto init --method random --security-level balanced`,
        { path: this.configPath },
      );
    }
    return config;
  }

  /** The key directory this run uses. */
  async storageDirectory(): Promise<string> {
    return storageDirectory(this.env, await this.loadConfig());
  }

  /** The key-file-v1 store, with the configured Argon2id cost for what it writes. */
  openStore(): Promise<FileKeyStorage> {
    return (this.store ??= (async () => {
      const config = await this.requireConfig();
      // Imported here: the bundle keeps the store in the command's file (one copy of the SDK)
      // but runs its modules (and node:fs/promises) only for commands that open it.
      const { createFileKeyStorage } = await import('@datafold/js-sdk/node');
      const directory = storageDirectory(this.env, config);
      this.debug('cli.store', { config: this.configPath, directory });
      return createFileKeyStorage({ directory, kdfParams: kdfParamsOf(config) });
    })());
  }
}
