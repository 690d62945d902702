import { bytesToBase64, bytesToHex, keyFingerprint } from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import { choiceOption } from '../cli/option-readers.js';

export const command = defineCommand('list-keys', {
  usage: 'list-keys [--format hex|base64]',
  description: [
    'Lists every key in the key directory with its current version, creation time, name,',
    'fingerprint (spec/key-fingerprint-v1.md) and public key; no passphrase is needed. A key file that cannot be read (corrupted, foreign,',
    'wrong permissions) is named on stderr (and under "problems" with --json); the other keys',
    'are listed all the same.',
  ].join('\n'),
  options: {
    format: {
      type: 'string',
      value: 'FORMAT',
      help: 'public key encoding: hex (default) or base64',
    },
  },
  examples: [
    'datafold_cli crypto list-keys',
    'datafold_cli crypto list-keys --json | jq ".keys[].key_id"',
  ],
  async run(ctx, options) {
    const format = choiceOption(options, 'format', ['hex', 'base64'] as const, 'hex');
    const storage = await ctx.openStore();
    const { keys, problems } = await storage.inspect();
    const encode = format === 'hex' ? bytesToHex : bytesToBase64;
    const rows = keys.map((k) => ({
      key_id: k.keyId,
      version: k.version,
      created: k.created,
      name: typeof k.metadata.name === 'string' ? k.metadata.name : null,
      public_key: encode(k.publicKey),
      fingerprint: keyFingerprint(k.publicKey),
    }));
    for (const p of problems) ctx.out.warn(`${p.message} (${p.code}); other keys are unaffected`);
    const width = Math.max(6, ...rows.map((r) => r.key_id.length));
    ctx.out.result(
      { storage_path: storage.directory, keys: rows, problems },
      rows.length === 0
        ? [`No keys in ${storage.directory}`]
        : [
            ctx.out.style(
              `${'KEY ID'.padEnd(width)}  VER  CREATED               ${'FINGERPRINT'.padEnd(50)}  PUBLIC KEY`,
              'bold',
            ),
            ...rows.map(
              (r) =>
                `${r.key_id.padEnd(width)}  ${String(r.version).padStart(3)}  ${r.created.padEnd(20)}  ${r.fingerprint}  ${r.public_key}${r.name ? `  (${r.name})` : ''}`,
            ),
          ],
    );
    return EXIT.SUCCESS;
  },
});
