import { wipe } from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import { SERVER_OPTIONS } from '../cli/global-options.js';
import { keyIdOption } from '../cli/key-options.js';
import { usageError } from '../errors/usage-error.js';
import { optionalString } from '../cli/option-readers.js';
import { snakeCase } from '../io/snake-case.js';
import { serverFor } from '../server/server-target.js';
import { findByClientId, findRegistration, saveRegistration } from '../store/registrations.js';

export const command = defineCommand('revoke-registration', {
  usage: 'revoke-registration (--client-id ID | --key-id ID) [--server URL] [--reason TEXT]',
  description:
    'Revokes the registration on the server with a revocation statement signed by the registered\nkey (spec/http-statements.md), so it needs the key passphrase. Afterwards the server answers\nKEY_NOT_ACTIVE for that client. The local key is kept.',
  options: {
    'client-id': { type: 'string', value: 'ID', help: 'the client id' },
    'key-id': { type: 'string', value: 'ID', help: 'the stored key that was registered' },
    reason: { type: 'string', value: 'TEXT', help: 'why (sent to the server)' },
    ...SERVER_OPTIONS,
  },
  examples: [
    'datafold_cli crypto revoke-registration --client-id my-app --server http://localhost:9001 --reason "laptop lost"',
  ],
  async run(ctx, options) {
    const directory = await ctx.storageDirectory();
    const clientId = optionalString(options, 'client-id');
    const server = optionalString(options, 'server');
    const registration =
      options['key-id'] !== undefined
        ? await findRegistration(directory, keyIdOption(options))
        : clientId !== undefined
          ? await findByClientId(directory, clientId, server?.replace(/\/+$/, ''))
          : undefined;
    if (clientId === undefined && options['key-id'] === undefined)
      throw usageError('give --client-id ID or --key-id ID');
    if (
      registration === undefined ||
      (clientId !== undefined && registration.client_id !== clientId)
    ) {
      throw usageError(
        `No key registered by this CLI as client "${clientId ?? String(options['key-id'])}"; the revocation must be signed by that key (or use the server's admin token)`,
      );
    }
    const api = await serverFor(
      ctx,
      server,
      registration.server,
      optionalString(options, 'timeout'),
    );
    const storage = await ctx.openStore();
    const passphrase = await ctx.passphrase.get(`Passphrase for key "${registration.key_id}"`);
    const progress = ctx.out.progress(
      `Unlocking "${registration.key_id}" v${registration.key_version}`,
    );
    const keyPair = await storage
      .retrieveKeyVersion(registration.key_id, registration.key_version, passphrase)
      .finally(() => progress.done());
    try {
      const revoked = await api.revoke({
        clientId: registration.client_id,
        keyPair,
        reason: optionalString(options, 'reason') ?? '',
      });
      await saveRegistration(storage.directory, { ...registration, status: 'revoked' });
      ctx.out.result(
        { server: api.url, key_id: registration.key_id, ...snakeCase(revoked) },
        `${ctx.out.style('Revoked', 'yellow')} client "${registration.client_id}" on ${api.url} (key "${registration.key_id}" kept locally)`,
      );
    } finally {
      wipe(keyPair.privateKey);
    }
    return EXIT.SUCCESS;
  },
});
