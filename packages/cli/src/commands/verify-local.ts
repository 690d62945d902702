import { bytesToHex, Ed25519KeyError, verify } from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import { keyIdOption } from '../cli/key-options.js';
import { usageError } from '../errors/usage-error.js';
import { requireString } from '../cli/option-readers.js';
import { readPublicKey } from '../io/key-input.js';
import { MESSAGE_OPTIONS, SIGNATURE_OPTION } from '../cli/message-options.js';
import { readMessage } from '../io/message-input.js';
import { readSignature } from '../io/signature-input.js';

export const command = defineCommand('verify-local', {
  usage: 'verify-local (--public-key KEY | --key-id ID) --message MSG --signature FILE',
  description: [
    'Verifies under the strict RFC 8032 policy every DataFold face uses (spec/ed25519-verification.md).',
    '--public-key is hex, base64, PEM (SPKI), JWK, or a file holding one. Exit 0: valid;',
    'exit 8: the signature does not verify (SIGNATURE_VERIFICATION_FAILED).',
  ].join('\n'),
  options: {
    'public-key': { type: 'string', value: 'KEY', help: 'public key text or file' },
    'key-id': {
      type: 'string',
      value: 'ID',
      help: 'use the public key of a stored key instead (no passphrase)',
    },
    ...MESSAGE_OPTIONS,
    ...SIGNATURE_OPTION,
  },
  examples: [
    'datafold_cli crypto verify-local --public-key 3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c --message "Hello DataFold" --signature signature.bin',
    'datafold_cli crypto verify-local --key-id my-app-key --message-file release.tar.gz --signature release.sig',
  ],
  async run(ctx, options) {
    const signatureArg = requireString(options, 'signature', '--signature signature.bin');
    let publicKey: Uint8Array;
    if (typeof options['public-key'] === 'string') {
      publicKey = await readPublicKey(options['public-key']);
    } else if (typeof options['key-id'] === 'string') {
      const keyId = keyIdOption(options);
      const storage = await ctx.openStore();
      const info = (await storage.listVersions(keyId)).find((v) => v.current)!;
      publicKey = info.publicKey;
    } else {
      throw usageError('give the key with --public-key KEY (or --key-id ID for a stored key)');
    }
    const message = await readMessage(options);
    const signature = await readSignature(signatureArg);
    const valid = await verify(signature, message.bytes, publicKey);
    if (!valid) {
      throw new Ed25519KeyError(
        'SIGNATURE_VERIFICATION_FAILED',
        'The signature does not verify for this message and public key',
        {
          public_key: bytesToHex(publicKey),
        },
      );
    }
    ctx.out.result(
      { verified: true, public_key: bytesToHex(publicKey), signature: bytesToHex(signature) },
      ctx.out.style('Signature valid', 'green'),
    );
    return EXIT.SUCCESS;
  },
});
