import { StorageError } from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import { KEY_FORMAT, KEY_ID, keyFormatOption, keyIdOption, OUTPUT } from '../cli/key-options.js';
import { integerOption, optionalString } from '../cli/option-readers.js';
import { deliver, encodeKey, keyText } from '../io/key-output.js';

export const command = defineCommand('export-public-key', {
  usage:
    'export-public-key --key-id ID [--format hex|base64|pem|raw|jwk] [--output FILE] [--version N]',
  description:
    'Prints the public key of the current version (or --version N). PEM is SPKI (RFC 8410),\nJWK is RFC 8037. No passphrase: the public key is in the clear part of the key file.',
  options: {
    ...KEY_ID,
    ...KEY_FORMAT,
    ...OUTPUT,
    version: { type: 'string', value: 'N', help: 'a version other than the current one' },
  },
  examples: [
    'datafold_cli crypto export-public-key --key-id my-app-key --format base64',
    'datafold_cli crypto export-public-key --key-id my-app-key --format pem --output my-app-key.pub.pem',
  ],
  async run(ctx, options) {
    const keyId = keyIdOption(options);
    const format = keyFormatOption(options);
    const output = optionalString(options, 'output');
    const storage = await ctx.openStore();
    const versions = await storage.listVersions(keyId);
    const wanted =
      options.version === undefined ? undefined : integerOption(options, 'version', undefined);
    const info =
      wanted === undefined
        ? versions.find((v) => v.current)
        : versions.find((v) => v.version === wanted);
    if (info === undefined) {
      throw new StorageError('KEY_NOT_FOUND', `Key "${keyId}" has no version ${wanted}`, { keyId });
    }
    const encoded = encodeKey(info.publicKey, 'public', format);
    const where = await deliver(ctx.out, encoded, { output, force: options.force === true });
    const data = {
      key_id: keyId,
      version: info.version,
      format,
      public_key: keyText(encoded),
      output: where === 'file' ? output : null,
    };
    if (where === 'stdout' && typeof encoded !== 'string') {
      ctx.out.raw(encoded);
      return EXIT.SUCCESS;
    }
    ctx.out.result(
      data,
      where === 'file'
        ? `Public key of "${keyId}" v${info.version} written to ${output}`
        : data.public_key,
    );
    return EXIT.SUCCESS;
  },
});
