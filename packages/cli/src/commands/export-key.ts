import {
  bytesToHex,
  createBackup,
  wipe,
  type BackupCipher,
  type BackupKdf,
} from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import { BACKUP_PASSPHRASE_OPTIONS } from '../cli/global-options.js';
import { KEY_ID, keyIdOption } from '../cli/key-options.js';
import { unlockKey } from '../cli/unlock-key.js';
import { choiceOption, integerOption, requireString } from '../cli/option-readers.js';
import { kdfParamsOf } from '../config/kdf-params.js';
import { writePrivateFile } from '../io/files.js';

export const command = defineCommand('export-key', {
  usage:
    'export-key --key-id ID --output FILE [--format json|binary] [--kdf argon2id|scrypt|pbkdf2] [--encryption xchacha20-poly1305|chacha20-poly1305|aes-gcm]',
  description: [
    'Writes the key as a backup v1 file (spec/backup-v1.md) that the JS and Python SDKs import.',
    'The backup is encrypted under the backup passphrase (--backup-passphrase-file,',
    'DATAFOLD_BACKUP_PASSPHRASE, or the key passphrase when none is given). Argon2id uses the',
    "configured security level's cost. The file is written with mode 0600 and never replaces an",
    'existing file without --force.',
  ].join('\n'),
  options: {
    ...KEY_ID,
    output: { type: 'string', short: 'o', value: 'FILE', help: 'the backup file' },
    force: { type: 'boolean', help: 'replace an existing file' },
    format: {
      type: 'string',
      value: 'FORMAT',
      help: 'json (default) or binary (the same document as UTF-8 bytes)',
    },
    kdf: { type: 'string', value: 'KDF', help: 'argon2id (default), scrypt or pbkdf2' },
    encryption: {
      type: 'string',
      value: 'CIPHER',
      help: 'xchacha20-poly1305 (default), chacha20-poly1305 or aes-gcm',
    },
    iterations: { type: 'string', value: 'N', help: 'pbkdf2 iterations (default 600000)' },
    'include-metadata': { type: 'boolean', help: "copy the key's labels into the backup" },
    version: { type: 'string', value: 'N', help: 'back up a version other than the current one' },
    ...BACKUP_PASSPHRASE_OPTIONS,
  },
  examples: [
    'datafold_cli crypto export-key --key-id my-app-key --output my-key-backup.json',
    'DATAFOLD_BACKUP_PASSPHRASE=... datafold_cli crypto export-key --key-id my-key --output backup.json --format json',
  ],
  async run(ctx, options) {
    const keyId = keyIdOption(options);
    const output = requireString(options, 'output', '--output backup.json');
    const format = choiceOption(options, 'format', ['json', 'binary'] as const, 'json');
    const kdf = choiceOption<BackupKdf>(
      options,
      'kdf',
      ['argon2id', 'scrypt', 'pbkdf2'],
      'argon2id',
    );
    const encryption = choiceOption<BackupCipher>(
      options,
      'encryption',
      ['xchacha20-poly1305', 'chacha20-poly1305', 'aes-gcm'],
      'xchacha20-poly1305',
    );
    const version =
      options.version === undefined ? undefined : integerOption(options, 'version', undefined);
    const config = await ctx.requireConfig();
    const kdfParams =
      kdf === 'argon2id'
        ? kdfParamsOf(config)
        : kdf === 'pbkdf2'
          ? { iterations: integerOption(options, 'iterations', 600_000), hash: 'SHA-256' as const }
          : undefined;
    const { keyPair, version: used } = await unlockKey(ctx, keyId, version);
    try {
      const backupPassphrase = await ctx.backupPassphrase.getNew('Passphrase for the backup');
      let metadata: Record<string, unknown> | undefined;
      if (options['include-metadata'] === true) {
        const storage = await ctx.openStore();
        metadata = (await storage.listVersions(keyId)).find((v) => v.version === used)?.metadata;
      }
      const progress = ctx.out.progress(`Encrypting the backup (${kdf})`);
      let data: string | Uint8Array;
      try {
        data = await createBackup(keyPair, backupPassphrase, {
          keyId,
          format,
          kdf,
          encryption,
          ...(kdfParams === undefined ? {} : { kdfParams }),
          ...(metadata === undefined ? {} : { metadata }),
        });
      } finally {
        progress.done();
      }
      await writePrivateFile(output, data, { overwrite: options.force === true });
      ctx.out.result(
        {
          key_id: keyId,
          version: used,
          output,
          format,
          kdf,
          encryption,
          public_key: bytesToHex(keyPair.publicKey),
        },
        `Backup of "${keyId}" v${used} written to ${output} (${kdf}, ${encryption}, mode 0600)`,
      );
    } finally {
      wipe(keyPair.privateKey);
    }
    return EXIT.SUCCESS;
  },
});
