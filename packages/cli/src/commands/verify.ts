import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import { SERVER_OPTIONS } from '../cli/global-options.js';
import { keyIdOption } from '../cli/key-options.js';
import { usageError } from '../errors/usage-error.js';
import { optionalString, requireString } from '../cli/option-readers.js';
import { MESSAGE_OPTIONS, SIGNATURE_OPTION } from '../cli/message-options.js';
import { readMessage } from '../io/message-input.js';
import { readSignature } from '../io/signature-input.js';
import { snakeCase } from '../io/snake-case.js';
import { serverFor } from '../server/server-target.js';
import { findRegistration } from '../store/registrations.js';

export const command = defineCommand('verify', {
  usage: 'verify --key-id ID --message MSG --signature FILE [--server URL] [--client-id ID]',
  description: [
    'Asks the server to verify the signature for the client the key is registered as (or',
    '--client-id). No passphrase is needed. Exit 0: verified; 8: the signature does not verify;',
    '5: unknown client; 1 with KEY_NOT_ACTIVE for a revoked or superseded key; 6: unreachable.',
  ].join('\n'),
  options: {
    'key-id': { type: 'string', value: 'ID', help: 'the registered key' },
    'client-id': {
      type: 'string',
      value: 'ID',
      help: "the client id (default: from the key's registration)",
    },
    ...MESSAGE_OPTIONS,
    ...SIGNATURE_OPTION,
    ...SERVER_OPTIONS,
  },
  examples: [
    'datafold_cli crypto verify --key-id my-app-key --message "Hello DataFold" --signature signature.bin --server http://localhost:9001',
  ],
  async run(ctx, options) {
    const signatureArg = requireString(options, 'signature', '--signature signature.bin');
    let clientId = optionalString(options, 'client-id');
    let fallback: string | undefined;
    let keyId: string | undefined;
    if (options['key-id'] !== undefined) {
      keyId = keyIdOption(options);
      const reg = await findRegistration(await ctx.storageDirectory(), keyId);
      if (reg === undefined && clientId === undefined) {
        throw usageError(
          `"${keyId}" has not been registered by this CLI; run register-key first or pass --client-id`,
        );
      }
      clientId ??= reg!.client_id;
      fallback = reg?.server;
    }
    if (clientId === undefined)
      throw usageError('give --key-id ID of a registered key, or --client-id ID');
    const message = await readMessage(options);
    const signature = await readSignature(signatureArg);
    const api = await serverFor(
      ctx,
      optionalString(options, 'server'),
      fallback,
      optionalString(options, 'timeout'),
    );
    const verified = await api.verify({
      clientId,
      message: message.wire,
      encoding: message.encoding,
      signature,
    });
    ctx.out.result(
      { server: api.url, key_id: keyId ?? null, ...snakeCase(verified) },
      `${ctx.out.style('Verified', 'green')} by ${api.url} for client "${verified.clientId}" (public key ${verified.publicKey})`,
    );
    return EXIT.SUCCESS;
  },
});
