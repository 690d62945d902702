import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import { SERVER_OPTIONS } from '../cli/global-options.js';
import { keyIdOption } from '../cli/key-options.js';
import { usageError } from '../errors/usage-error.js';
import { optionalString } from '../cli/option-readers.js';
import { snakeCase } from '../io/snake-case.js';
import { serverFor } from '../server/server-target.js';
import { findRegistration } from '../store/registrations.js';

export const command = defineCommand('check-registration', {
  usage: 'check-registration (--client-id ID | --key-id ID) [--server URL]',
  description:
    'Asks the server for the registration of a client id (or of the client a stored key was\nregistered as): public key, status (active, revoked, superseded), times. Exit 5 when the server\nknows no such client, 6 when it cannot be reached.',
  options: {
    'client-id': { type: 'string', value: 'ID', help: 'the client id' },
    'key-id': {
      type: 'string',
      value: 'ID',
      help: 'look the client id up from a key registered by this CLI',
    },
    ...SERVER_OPTIONS,
  },
  examples: [
    'datafold_cli crypto check-registration --client-id my-client --server http://localhost:9001',
  ],
  async run(ctx, options) {
    let clientId = optionalString(options, 'client-id');
    let fallback: string | undefined;
    if (clientId === undefined) {
      if (options['key-id'] === undefined)
        throw usageError('give --client-id ID (or --key-id ID of a registered key)');
      const keyId = keyIdOption(options);
      const reg = await findRegistration(await ctx.storageDirectory(), keyId);
      if (reg === undefined)
        throw usageError(`"${keyId}" has not been registered by this CLI; pass --client-id`);
      clientId = reg.client_id;
      fallback = reg.server;
    }
    const api = await serverFor(
      ctx,
      optionalString(options, 'server'),
      fallback,
      optionalString(options, 'timeout'),
    );
    const status = await api.status(clientId);
    ctx.out.result({ server: api.url, ...snakeCase(status) }, [
      `Client "${status.clientId}" on ${api.url}: ${ctx.out.style(status.status, status.status === 'active' ? 'green' : 'yellow')}`,
      `  public key:      ${status.publicKey}`,
      `  registration id: ${status.registrationId}`,
      `  registered at:   ${status.registeredAt}`,
      `  last used:       ${status.lastUsed ?? 'never'}`,
    ]);
    return EXIT.SUCCESS;
  },
});
