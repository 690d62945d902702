import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import {
  KEY_FORMAT,
  KEY_ID,
  keyFormatOption,
  keyIdOption,
  OUTPUT,
  VERSION,
} from '../cli/key-options.js';
import { optionalString } from '../cli/option-readers.js';
import { findKeyVersion } from '../cli/unlock-key.js';
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
    ...VERSION,
  },
  examples: [
    'datafold_cli crypto export-public-key --key-id my-app-key --format base64',
    'datafold_cli crypto export-public-key --key-id my-app-key --format pem --output my-app-key.pub.pem',
  ],
  async run(ctx, options) {
    const keyId = keyIdOption(options);
    const format = keyFormatOption(options);
    const output = optionalString(options, 'output');
    const { info } = await findKeyVersion(await ctx.openStore(), keyId, options);
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
