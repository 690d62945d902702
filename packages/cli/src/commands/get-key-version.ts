import { bytesToHex, KeyRotationManager, StorageError, wipe } from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import { KEY_FORMAT, KEY_ID, keyFormatOption, keyIdOption } from '../cli/key-options.js';
import { usageError } from '../errors/usage-error.js';
import { integerOption } from '../cli/option-readers.js';
import { encodeKey, keyText } from '../io/key-output.js';

export const command = defineCommand('get-key-version', {
  usage: 'get-key-version --key-id ID --version N [--public-only] [--format hex|base64|pem|jwk]',
  description:
    'Shows one version: creation time, public key, the rotation that wrote it; and, unless\n--public-only, decrypts it with the passphrase and shows the private key.',
  options: {
    ...KEY_ID,
    version: { type: 'string', value: 'N', help: 'the version number' },
    'public-only': { type: 'boolean', help: 'do not decrypt; no passphrase needed' },
    ...KEY_FORMAT,
  },
  examples: ['datafold_cli crypto get-key-version --key-id my-app-key --version 1 --public-only'],
  async run(ctx, options) {
    const keyId = keyIdOption(options);
    const version = integerOption(options, 'version', undefined, 1, 999_999_999);
    const format = keyFormatOption(options);
    if (format === 'raw')
      throw usageError('get-key-version prints text; choose hex, base64, pem or jwk');
    const manager = new KeyRotationManager(await ctx.openStore());
    const info = await manager.getVersionInfo(keyId, version);
    if (info === null)
      throw new StorageError('KEY_NOT_FOUND', `Key "${keyId}" has no version ${version}`, {
        keyId,
        version,
      });
    let privateKey: string | null = null;
    if (options['public-only'] !== true) {
      const passphrase = await ctx.passphrase.get(`Passphrase for key "${keyId}"`);
      const progress = ctx.out.progress(`Unlocking "${keyId}" v${version} (Argon2id)`);
      const withPair = await manager
        .getKeyVersion(keyId, version, passphrase)
        .finally(() => progress.done());
      if (withPair !== null) {
        privateKey = keyText(encodeKey(withPair.keyPair, 'private', format));
        wipe(withPair.keyPair.privateKey);
      }
    }
    const publicKey = keyText(encodeKey(info.publicKey, 'public', format));
    ctx.out.result(
      {
        key_id: keyId,
        version,
        current: info.current,
        created: info.created,
        public_key: publicKey,
        public_key_hex: bytesToHex(info.publicKey),
        private_key: privateKey,
        rotation: info.rotation ?? null,
      },
      [
        `${keyId} v${version}${info.current ? ' (current)' : ''}, created ${info.created}`,
        `  public key:  ${publicKey}`,
        ...(info.rotation
          ? [
              `  rotation:    ${info.rotation.method} from v${String(info.rotation.fromVersion)} (${info.rotation.reason})`,
            ]
          : []),
        ...(privateKey === null ? [] : [`  private key: ${privateKey}`]),
      ],
    );
    return EXIT.SUCCESS;
  },
});
