import {
  bytesToHex,
  restoreBackup,
  validateBackupFormat,
  ValidationError,
  wipe,
  base64ToBytes,
  type BackupDocumentV1,
} from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import { BACKUP_PASSPHRASE_OPTIONS } from '../cli/global-options.js';
import { requireString } from '../cli/option-readers.js';
import { readInputFile } from '../io/files.js';

export const command = defineCommand('verify-backup', {
  usage: 'verify-backup --input FILE [--decrypt]',
  description: [
    'Checks the backup v1 structure without a passphrase: version, members, base64, lengths,',
    'algorithms and KDF bounds. With --decrypt it also decrypts with the backup passphrase and',
    'checks the key inside (a wrong passphrase and an altered file both give DECRYPTION_FAILED).',
    'Nothing is stored. Exit 0 when valid; 1 with the problems otherwise.',
  ].join('\n'),
  options: {
    input: { type: 'string', short: 'i', value: 'FILE', help: 'the backup file' },
    decrypt: { type: 'boolean', help: 'also decrypt it (needs the backup passphrase)' },
    ...BACKUP_PASSPHRASE_OPTIONS,
  },
  examples: [
    'datafold_cli crypto verify-backup --input my-key-backup.json',
    'datafold_cli crypto verify-backup --input backup.json --decrypt',
  ],
  async run(ctx, options) {
    const input = requireString(options, 'input', '--input backup.json');
    const text = Buffer.from(await readInputFile(input)).toString('utf8');
    const validation = validateBackupFormat(text);
    if (!validation.valid) {
      const first = validation.details[0];
      throw new ValidationError(
        (first?.code as 'INVALID_BACKUP_JSON' | undefined) ?? 'INVALID_BACKUP_JSON',
        `${input} is not a valid backup: ${validation.issues.join('; ')}`,
        { issues: validation.issues },
      );
    }
    // Valid, so the document has the members and types of backup v1.
    const doc = JSON.parse(text) as BackupDocumentV1;
    let decrypted = false;
    let publicKey = doc.public_key === undefined ? null : bytesToHex(base64ToBytes(doc.public_key));
    if (options.decrypt === true) {
      const passphrase = await ctx.backupPassphrase.get('Passphrase of the backup');
      const progress = ctx.out.progress('Decrypting the backup');
      try {
        const { keyPair } = await restoreBackup(text, passphrase, { verifyIntegrity: true });
        publicKey = bytesToHex(keyPair.publicKey);
        wipe(keyPair.privateKey);
        decrypted = true;
      } finally {
        progress.done();
      }
    }
    const data = {
      valid: true,
      decrypted,
      input,
      key_id: doc.key_id,
      version: doc.version,
      kdf: doc.kdf,
      kdf_params: doc.kdf_params,
      encryption: doc.encryption,
      created: doc.created,
      public_key: publicKey,
    };
    ctx.out.result(data, [
      `${ctx.out.style('Backup valid', 'green')}${decrypted ? ' and decrypts with the passphrase' : ' (structure; --decrypt also checks the passphrase)'}`,
      `  key id:     ${doc.key_id}`,
      `  kdf:        ${doc.kdf} ${JSON.stringify(doc.kdf_params)}`,
      `  encryption: ${doc.encryption}`,
      `  created:    ${doc.created}`,
      ...(publicKey ? [`  public key: ${publicKey}`] : []),
    ]);
    return EXIT.SUCCESS;
  },
});
