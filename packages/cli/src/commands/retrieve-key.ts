import { bytesToHex, wipe } from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import {
  KEY_FORMAT,
  KEY_ID,
  keyFormatOption,
  keyIdOption,
  OUTPUT,
  VERSION,
  versionOption,
} from '../cli/key-options.js';
import { unlockKey } from '../cli/unlock-key.js';
import { optionalString } from '../cli/option-readers.js';
import { deliver, encodeKey, keyText } from '../io/key-output.js';

export const command = defineCommand('retrieve-key', {
  usage: 'retrieve-key --key-id ID [--format hex|base64|pem|raw|jwk] [--output FILE] [--version N]',
  description:
    'Decrypts the key with its passphrase and prints the private key (the 32-byte seed; PEM is\nPKCS#8, JWK carries d and x). Prefer --output FILE (mode 0600) over the terminal.',
  options: {
    ...KEY_ID,
    ...KEY_FORMAT,
    ...OUTPUT,
    ...VERSION,
  },
  examples: [
    'datafold_cli crypto retrieve-key --key-id my-app-key --format pem --output my-app-key.pem',
    'datafold_cli crypto retrieve-key --key-id my-app-key --passphrase-file ./pass.txt --json',
  ],
  async run(ctx, options) {
    const keyId = keyIdOption(options);
    const format = keyFormatOption(options);
    const output = optionalString(options, 'output');
    const { keyPair, version } = await unlockKey(ctx, keyId, versionOption(options));
    try {
      const encoded = encodeKey(keyPair, 'private', format);
      const where = await deliver(ctx.out, encoded, { output, force: options.force === true });
      if (where === 'stdout' && typeof encoded !== 'string') {
        ctx.out.raw(encoded);
        return EXIT.SUCCESS;
      }
      ctx.out.result(
        {
          key_id: keyId,
          version,
          format,
          private_key: where === 'file' ? null : keyText(encoded),
          public_key: bytesToHex(keyPair.publicKey),
          output: where === 'file' ? output : null,
        },
        where === 'file'
          ? `Private key of "${keyId}" v${version} written to ${output} (mode 0600)`
          : keyText(encoded),
      );
    } finally {
      wipe(keyPair.privateKey);
    }
    return EXIT.SUCCESS;
  },
});
