import { bytesToBase64, bytesToHex, sign, wipe } from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import { KEY_ID, keyIdOption } from '../cli/key-options.js';
import { unlockKey } from '../cli/unlock-key.js';
import { usageError } from '../errors/usage-error.js';
import { choiceOption, optionalString } from '../cli/option-readers.js';
import { MESSAGE_OPTIONS } from '../cli/message-options.js';
import { readMessage } from '../io/message-input.js';
import { writePrivateFile } from '../io/files.js';

export const command = defineCommand('sign', {
  usage:
    'sign --key-id ID --message MSG [--output FILE] [--encoding utf8|hex|base64] [--signature-format raw|hex|base64]',
  description: [
    'Signs with the current version of the key (Ed25519, RFC 8032 §5.1.6). The message is --message',
    '(decoded by --encoding, default utf8), --message-file or --message-stdin. With --output the',
    'signature file holds the 64 raw bytes (or hex/base64 text with --signature-format); without',
    'it, the signature is printed in hex (or base64).',
  ].join('\n'),
  options: {
    ...KEY_ID,
    ...MESSAGE_OPTIONS,
    output: { type: 'string', short: 'o', value: 'FILE', help: 'write the signature to FILE' },
    force: { type: 'boolean', help: 'replace an existing signature file' },
    'signature-format': {
      type: 'string',
      value: 'FORMAT',
      help: 'raw (file default), hex (stdout default) or base64',
    },
  },
  examples: [
    'datafold_cli crypto sign --key-id my-app-key --message "Hello DataFold" --output signature.bin',
    'datafold_cli crypto sign --key-id my-app-key --message-file release.tar.gz --signature-format base64',
  ],
  async run(ctx, options) {
    const keyId = keyIdOption(options);
    const output = optionalString(options, 'output');
    const format = choiceOption(
      options,
      'signature-format',
      ['raw', 'hex', 'base64'] as const,
      output === undefined ? 'hex' : 'raw',
    );
    if (format === 'raw' && output === undefined)
      throw usageError('--signature-format raw needs --output FILE');
    const message = await readMessage(options);
    const { keyPair, version } = await unlockKey(ctx, keyId);
    let signature: Uint8Array;
    try {
      signature = await sign(message.bytes, keyPair.privateKey);
    } finally {
      wipe(keyPair.privateKey);
    }
    const hex = bytesToHex(signature);
    const text = format === 'base64' ? bytesToBase64(signature) : hex;
    if (output !== undefined) {
      await writePrivateFile(output, format === 'raw' ? signature : `${text}\n`, {
        overwrite: options.force === true,
      });
    }
    ctx.out.result(
      {
        key_id: keyId,
        version,
        signature: hex,
        signature_base64: bytesToBase64(signature),
        public_key: bytesToHex(keyPair.publicKey),
        output: output ?? null,
      },
      output !== undefined
        ? ctx.out.stdoutIsTTY
          ? `Signed with "${keyId}" v${version}; signature written to ${output}`
          : ''
        : text,
    );
    return EXIT.SUCCESS;
  },
});
