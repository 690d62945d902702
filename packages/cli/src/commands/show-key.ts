import { bytesToHex, keyFingerprint, wipe } from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import { KEY_FORMAT, KEY_ID, keyFormatOption, keyIdOption, VERSION } from '../cli/key-options.js';
import { findKeyVersion, unlockKey } from '../cli/unlock-key.js';
import { usageError } from '../errors/usage-error.js';
import { encodeKey, keyText } from '../io/key-output.js';

export const command = defineCommand('show-key', {
  usage:
    'show-key --key-id ID [--format hex|base64|pem|jwk] [--private] [--public-only] [--version N]',
  description:
    "Shows versions, creation time, labels, the public key and its fingerprint\n(spec/key-fingerprint-v1.md); no passphrase is needed. The private\nkey is decrypted and printed only when asked with --private (it needs the passphrase, and a\nterminal or a file keeps it out of logs). --public-only, the document's flag, is the default.",
  options: {
    ...KEY_ID,
    ...KEY_FORMAT,
    private: {
      type: 'boolean',
      help: 'also decrypt and print the private key (asks for the passphrase)',
    },
    'public-only': { type: 'boolean', help: 'the public key only (the default)' },
    ...VERSION,
  },
  examples: [
    'datafold_cli crypto show-key --key-id my-app-key',
    'datafold_cli crypto show-key --key-id my-app-key --private --format pem',
  ],
  async run(ctx, options) {
    const keyId = keyIdOption(options);
    const format = keyFormatOption(options);
    if (format === 'raw')
      throw usageError(
        'show-key prints text; use retrieve-key --format raw --output FILE for raw bytes',
      );
    const { info, versions } = await findKeyVersion(await ctx.openStore(), keyId, options);
    let privateText: string | null = null;
    if (options.private === true && options['public-only'] === true) {
      throw usageError('--private and --public-only contradict each other; give one');
    }
    if (options.private === true) {
      const { keyPair } = await unlockKey(ctx, keyId, info.version);
      privateText = keyText(encodeKey(keyPair, 'private', format));
      wipe(keyPair.privateKey);
    }
    const publicText = keyText(encodeKey(info.publicKey, 'public', format));
    const data = {
      key_id: keyId,
      version: info.version,
      current: info.current,
      versions: versions.map((v) => v.version),
      created: info.created,
      metadata: info.metadata,
      format,
      public_key: publicText,
      public_key_hex: bytesToHex(info.publicKey),
      fingerprint: keyFingerprint(info.publicKey),
      private_key: privateText,
    };
    const meta = info.metadata as { name?: unknown; description?: unknown; tags?: unknown };
    ctx.out.result(data, [
      `${ctx.out.style(keyId, 'bold')}  version ${info.version}${info.current ? ' (current)' : ''} of ${versions.map((v) => v.version).join(', ')}`,
      `  created:     ${info.created}`,
      ...(typeof meta.name === 'string' ? [`  name:        ${meta.name}`] : []),
      ...(typeof meta.description === 'string' ? [`  description: ${meta.description}`] : []),
      ...(Array.isArray(meta.tags) ? [`  tags:        ${meta.tags.join(', ')}`] : []),
      `  public key:  ${publicText.includes('\n') ? `\n${publicText}` : publicText}`,
      `  fingerprint: ${data.fingerprint}`,
      ...(privateText === null
        ? []
        : [`  private key: ${privateText.includes('\n') ? `\n${privateText}` : privateText}`]),
    ]);
    return EXIT.SUCCESS;
  },
});
