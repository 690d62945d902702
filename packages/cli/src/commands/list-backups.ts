/// <reference types="node" />
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import {
  base64ToBytes,
  bytesToHex,
  validateBackupFormat,
  type BackupDocumentV1,
} from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import { optionalString } from '../cli/option-readers.js';
import { readInputFile } from '../io/files.js';

export const command = defineCommand('list-backups', {
  usage: 'list-backups [--directory DIR]',
  description:
    'Lists the files in DIR (default: the current directory) that are valid backup v1 documents,\nwith key id, creation time, KDF and cipher. No passphrase is needed; nothing is decrypted.',
  options: {
    directory: { type: 'string', short: 'd', value: 'DIR', help: 'where to look (default .)' },
  },
  examples: [
    'datafold_cli crypto list-backups --directory ~/backups',
    'datafold_cli crypto list-backups --json',
  ],
  async run(ctx, options) {
    const directory = resolve(optionalString(options, 'directory') ?? '.');
    let names: string[];
    try {
      names = (await readdir(directory)).sort();
    } catch (error) {
      const { StorageError } = await import('@datafold/js-sdk');
      const code = (error as { code?: string }).code;
      throw new StorageError(
        code === 'ENOENT'
          ? 'FILE_NOT_FOUND'
          : code === 'EACCES'
            ? 'PERMISSION_DENIED'
            : 'STORAGE_UNAVAILABLE',
        `Cannot list ${directory}${code ? ` (${code})` : ''}`,
        { path: directory },
      );
    }
    const backups = [];
    for (const name of names) {
      const path = join(directory, name);
      const info = await stat(path).catch(() => undefined);
      // Backups are small JSON documents; skip anything that cannot be one.
      if (!info?.isFile() || info.size > 65536 || info.size < 50) continue;
      const text = await readInputFile(path, 'utf8').catch(() => undefined);
      if (
        text === undefined ||
        !text.trimStart().startsWith('{') ||
        !validateBackupFormat(text).valid
      )
        continue;
      const doc = JSON.parse(text) as BackupDocumentV1; // valid: backup v1's members and types
      backups.push({
        file: path,
        key_id: doc.key_id,
        created: doc.created,
        kdf: doc.kdf,
        encryption: doc.encryption,
        public_key: doc.public_key === undefined ? null : bytesToHex(base64ToBytes(doc.public_key)),
        size: info.size,
      });
    }
    ctx.out.result(
      { directory, backups },
      backups.length === 0
        ? `No backups in ${directory}`
        : backups.map((b) => `${b.file}  ${b.key_id}  ${b.created}  ${b.kdf}/${b.encryption}`),
    );
    return EXIT.SUCCESS;
  },
});
