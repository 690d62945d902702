import {
  bytesToHex,
  getPublicKey,
  parseKeyDetailed,
  StorageError,
  utf8ToBytes,
  wipe,
} from '@datafold/js-sdk';

import { defineCommand, type OptionValues } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { EXIT } from '../cli/exit-codes.js';
import { KEY_ID, keyFormatOption, keyIdOption } from '../cli/key-options.js';
import { keyMetadataFrom, METADATA_OPTIONS } from '../cli/metadata-options.js';
import { usageError } from '../errors/usage-error.js';
import { readInputFile, readStdin } from '../io/files.js';
import { detectedKeyFormat, keyInputText } from '../io/key-input.js';

export const command = defineCommand('store-key', {
  usage:
    'store-key --key-id ID (--private-key KEY | --private-key-file FILE | --private-key -) [--format hex|base64|pem|raw|jwk] [--force]',
  description: [
    'Encrypts an existing Ed25519 private key (the 32-byte seed, or PKCS#8 PEM / JWK) into the',
    'key directory. --private-key on the command line works but warns (other users can see argv);',
    'prefer --private-key-file FILE or --private-key - (standard input). --format defaults to the',
    "key's shape (the SDKs' detectKeyFormat): raw for 32 bytes from a file or standard input, pem",
    'for text that starts with -----BEGIN, jwk for {, base64 for 44 base64 characters, else hex.',
  ].join('\n'),
  options: {
    ...KEY_ID,
    'private-key': {
      type: 'string',
      value: 'KEY',
      help: 'the private key, or - for standard input',
    },
    'private-key-file': { type: 'string', value: 'FILE', help: 'read the private key from FILE' },
    format: {
      type: 'string',
      value: 'FORMAT',
      help: 'hex, base64, pem, raw or jwk (default: detected)',
    },
    force: { type: 'boolean', help: 'replace a key stored under the id' },
    ...METADATA_OPTIONS,
  },
  examples: [
    'datafold_cli crypto store-key --key-id imported --private-key-file ./key.pem',
    'openssl genpkey -algorithm ed25519 | datafold_cli crypto store-key --key-id from-openssl --private-key - --format pem',
  ],
  async run(ctx, options) {
    const keyId = keyIdOption(options);
    const input = await readKeyInput(ctx, options);
    // Undetected text is read as hex, whose parse error then says what is wrong with it.
    const format = keyFormatOption(options, detectedKeyFormat(input) ?? 'hex');
    let seed: Uint8Array;
    if (format === 'raw') {
      seed = typeof input === 'string' ? utf8ToBytes(input) : input;
      if (seed.length !== 32) throw usageError(`a raw private key is 32 bytes, got ${seed.length}`);
    } else {
      const text = keyInputText(input);
      seed = parseKeyDetailed(
        text,
        format,
        format === 'pem' || format === 'jwk' ? { keyType: 'private' } : {},
      ).key;
    }
    const storage = await ctx.openStore();
    if (options.force !== true && (await storage.hasKey(keyId))) {
      throw new StorageError(
        'KEY_ALREADY_EXISTS',
        `A key is already stored under "${keyId}"; pass --force to replace it`,
        { keyId },
      );
    }
    const publicKey = await getPublicKey(seed);
    const passphrase = await ctx.passphrase.getNew(`Passphrase for key "${keyId}"`);
    const progress = ctx.out.progress('Encrypting the key (Argon2id)');
    try {
      await storage.storeKeyPair(
        keyId,
        { privateKey: seed, publicKey },
        passphrase,
        keyMetadataFrom(options),
        {
          overwrite: options.force === true,
        },
      );
    } finally {
      progress.done();
      wipe(seed);
    }
    ctx.out.result(
      {
        key_id: keyId,
        version: 1,
        public_key: bytesToHex(publicKey),
        storage_path: storage.directory,
      },
      `Stored "${keyId}"; public key ${bytesToHex(publicKey)}`,
    );
    return EXIT.SUCCESS;
  },
});

/** The key as given: bytes from a file or standard input, text from the command line. */
async function readKeyInput(ctx: Context, options: OptionValues): Promise<string | Uint8Array> {
  if (typeof options['private-key-file'] === 'string') {
    return readInputFile(options['private-key-file']);
  } else if (options['private-key'] === '-') {
    return readStdin('--private-key -');
  } else if (typeof options['private-key'] === 'string') {
    ctx.out.warn(
      '--private-key puts the key where other users can see it (ps, shell history); prefer --private-key-file or --private-key -',
    );
    return options['private-key'];
  } else {
    throw usageError(
      'give the key with --private-key-file FILE, --private-key - (stdin) or --private-key KEY',
    );
  }
}
