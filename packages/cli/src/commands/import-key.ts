import {
  assertValidKeyId,
  bytesToHex,
  restoreBackup,
  StorageError,
  ValidationError,
  wipe,
  type RestoredBackup,
} from '@datafold/js-sdk';
import type { FileKeyStorage } from '@datafold/js-sdk/node';

import { defineCommand } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { EXIT } from '../cli/exit-codes.js';
import { BACKUP_PASSPHRASE_OPTIONS } from '../cli/global-options.js';
import { integerOption, optionalString, requireString } from '../cli/option-readers.js';
import { readInputFile } from '../io/files.js';

export const command = defineCommand('import-key', {
  usage: 'import-key --input FILE [--key-id ID] [--force] [--force-version 1]',
  description: [
    'Decrypts a backup v1 (JSON or binary, from any DataFold face) with the backup passphrase and',
    "stores the key under --key-id (default: the backup's key_id), encrypted with the key",
    'passphrase and the configured Argon2id cost. A wrong passphrase changes nothing',
    '(DECRYPTION_FAILED). An existing key is refused unless --force, which adds the backup as a',
    'new version and makes it current (older versions stay until cleanup-old-versions).',
    '--force-version 1 refuses any backup that is not version 1.',
  ].join('\n'),
  options: {
    input: { type: 'string', short: 'i', value: 'FILE', help: 'the backup file' },
    'key-id': {
      type: 'string',
      value: 'ID',
      help: "store under this id (default: the backup's key_id)",
    },
    force: { type: 'boolean', help: 'add to an existing key as its new current version' },
    'force-version': {
      type: 'string',
      value: 'N',
      help: 'require this backup format version (only 1 exists)',
    },
    ...BACKUP_PASSPHRASE_OPTIONS,
  },
  examples: [
    'datafold_cli crypto import-key --input backup.json --key-id restored-key',
    'datafold_cli crypto import-key --input migration_backup.json --key-id migrated-key --backup-passphrase-file ./backup-pass.txt',
  ],
  async run(ctx, options) {
    const input = requireString(options, 'input', '--input backup.json');
    const text = Buffer.from(await readInputFile(input)).toString('utf8');
    if (options['force-version'] !== undefined) {
      assertBackupVersion(text, input, integerOption(options, 'force-version', undefined));
    }
    const given = optionalString(options, 'key-id');
    if (given !== undefined) assertValidKeyId(given);
    const force = options.force === true;
    const storage = await ctx.openStore();
    // Refuse before any KDF work when the target exists (and the id is known already).
    if (given !== undefined && !force && (await storage.hasKey(given))) throw alreadyStored(given);
    const backupPassphrase = await ctx.backupPassphrase.get('Passphrase of the backup');
    const progress = ctx.out.progress('Decrypting the backup');
    const { keyPair, metadata } = await restoreBackup(text, backupPassphrase, {
      verifyIntegrity: true,
    }).finally(() => progress.done());
    try {
      const keyId = given ?? metadata.keyId;
      const version = await storeRestored(ctx, storage, keyId, force, { keyPair, metadata });
      ctx.out.result(
        {
          key_id: keyId,
          version,
          public_key: bytesToHex(keyPair.publicKey),
          backup: {
            key_id: metadata.keyId,
            kdf: metadata.kdf,
            encryption: metadata.encryption,
            created: metadata.created,
            format: metadata.format,
          },
        },
        `Imported "${keyId}" (version ${version}) from ${input}; public key ${bytesToHex(keyPair.publicKey)}`,
      );
    } finally {
      wipe(keyPair.privateKey);
    }
    return EXIT.SUCCESS;
  },
});

/** --force-version: the backup must declare the version asked for, and only 1 exists. */
function assertBackupVersion(text: string, input: string, wanted: number): void {
  let declared: unknown;
  try {
    declared = (JSON.parse(text) as { version?: unknown }).version;
  } catch {
    declared = undefined;
  }
  if (wanted !== 1 || declared !== wanted) {
    throw new ValidationError(
      'UNSUPPORTED_BACKUP_VERSION',
      `${input} is backup version ${String(declared)}; this CLI reads version 1 only`,
    );
  }
}

function alreadyStored(keyId: string): StorageError {
  return new StorageError(
    'KEY_ALREADY_EXISTS',
    `A key is already stored under "${keyId}"; pass --force or choose another --key-id`,
    { keyId },
  );
}

/**
 * Stores a restored key under `keyId` with the key passphrase: a new key (version 1), or with
 * `force` the new current version of an existing one. The backup's labels come along, with
 * where it came from. Resolves to the version stored.
 */
async function storeRestored(
  ctx: Context,
  storage: FileKeyStorage,
  keyId: string,
  force: boolean,
  { keyPair, metadata }: RestoredBackup,
): Promise<number> {
  assertValidKeyId(keyId);
  const exists = await storage.hasKey(keyId);
  if (exists && !force) throw alreadyStored(keyId);
  const passphrase = await ctx.passphrase.getNew(`Passphrase for key "${keyId}"`);
  const progress = ctx.out.progress('Encrypting the key (Argon2id)');
  try {
    const labels = {
      ...(metadata.metadata ?? {}),
      imported_from: {
        kdf: metadata.kdf,
        encryption: metadata.encryption,
        created: metadata.created,
      },
    };
    if (exists)
      return await storage.storeKeyVersion(keyId, keyPair, passphrase, { metadata: labels });
    // The store checks again under its lock: a racing import of the same id loses cleanly.
    await storage.storeKeyPair(keyId, keyPair, passphrase, labels, { overwrite: false });
    return 1;
  } finally {
    progress.done();
  }
}
