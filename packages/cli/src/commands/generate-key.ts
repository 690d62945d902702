import { bytesToHex, generateKeyPair, StorageError, wipe } from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import { KEY_FORMAT, KEY_ID, keyFormatOption, keyIdOption, OUTPUT } from '../cli/key-options.js';
import { optionalString } from '../cli/option-readers.js';
import { deliver, encodeKey, keyText } from '../io/key-output.js';
import { keyMetadataFrom, METADATA_OPTIONS } from '../cli/metadata-options.js';

export const command = defineCommand('generate-key', {
  usage:
    'generate-key --key-id ID [--format hex|base64|pem|raw|jwk] [--output FILE] [--name N] [--force]',
  description: [
    'Generates a key pair from the OS CSPRNG and stores it encrypted (key file v1) under the key',
    'passphrase. Prints the public key in --format. The private key is never printed: with',
    '--output FILE it is written to FILE (mode 0600) in --format; otherwise use retrieve-key.',
    'A key already stored under the id is refused (KEY_ALREADY_EXISTS) unless --force replaces it.',
  ].join('\n'),
  options: { ...KEY_ID, ...KEY_FORMAT, ...OUTPUT, ...METADATA_OPTIONS },
  examples: [
    'datafold_cli crypto generate-key --key-id my-app-key --format hex',
    'datafold_cli crypto generate-key --key-id my-app-key --format pem --output my-app-key.pem',
    'DATAFOLD_PASSPHRASE=... datafold_cli crypto generate-key --key-id ci-key --json',
  ],
  async run(ctx, options) {
    const keyId = keyIdOption(options);
    const format = keyFormatOption(options);
    const output = optionalString(options, 'output');
    const force = options.force === true;
    const metadata = keyMetadataFrom(options);
    const storage = await ctx.openStore();
    if (!force && (await storage.hasKey(keyId))) {
      throw new StorageError(
        'KEY_ALREADY_EXISTS',
        `A key is already stored under "${keyId}"; pass --force to replace it`,
        { keyId },
      );
    }
    const passphrase = await ctx.passphrase.getNew(`Passphrase for new key "${keyId}"`);
    const pair = await generateKeyPair();
    try {
      const progress = ctx.out.progress('Encrypting the key (Argon2id)');
      try {
        await storage.storeKeyPair(keyId, pair, passphrase, metadata, { overwrite: force });
      } finally {
        progress.done();
      }
      let privateWritten = false;
      if (output !== undefined) {
        await deliver(ctx.out, encodeKey(pair, 'private', format), { output, force });
        privateWritten = true;
      }
      const publicEncoded = encodeKey(pair, 'public', format);
      const data = {
        key_id: keyId,
        version: 1,
        format,
        public_key: keyText(format === 'raw' ? pair.publicKey : publicEncoded),
        public_key_hex: bytesToHex(pair.publicKey),
        private_key_file: privateWritten ? output : null,
        storage_path: storage.directory,
      };
      if (!ctx.out.json && format === 'raw' && !privateWritten && !ctx.out.stdoutIsTTY) {
        ctx.out.raw(pair.publicKey.slice());
        return EXIT.SUCCESS;
      }
      ctx.out.result(data, [
        ...(ctx.out.stdoutIsTTY
          ? [
              `${ctx.out.style('Generated', 'green')} key "${keyId}" (version 1) in ${storage.directory}`,
            ]
          : []),
        ...(privateWritten && ctx.out.stdoutIsTTY
          ? [`Private key written to ${output} (mode 0600)`]
          : []),
        ctx.out.stdoutIsTTY ? `public key (${format}): ${data.public_key}` : data.public_key,
      ]);
    } finally {
      wipe(pair.privateKey);
    }
    return EXIT.SUCCESS;
  },
});
