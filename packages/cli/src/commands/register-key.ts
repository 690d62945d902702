import { bytesToHex, wipe } from '@datafold/js-sdk';

import type { CommandDefinition } from '../cli/command.js';
import { SERVER_OPTIONS } from '../cli/global-options.js';
import { KEY_ID, keyIdOption } from '../cli/key-options.js';
import { unlockKey } from '../cli/unlock-key.js';
import { optionalString } from '../cli/usage-error.js';
import { serverFor } from '../server/server-target.js';
import { findRegistration, saveRegistration } from '../store/registrations.js';

export const command: CommandDefinition = {
  name: 'register-key',
  summary: 'Register a public key with a DataFold server',
  usage: 'register-key --key-id ID [--server URL] [--client-id ID] [--key-name NAME]',
  description: [
    'Registers the current public key of the key, with a proof of possession signed by it',
    '(spec/http-statements.md §6). Without --client-id the server assigns one. The registration is',
    'remembered in the key directory so that verify, rotate-key and revoke-registration can use it.',
    'If the key was rotated since it was registered, the server registration is rotated instead',
    '(signed by the registered version). Exit 6 with the URL when the server cannot be reached.',
  ].join('\n'),
  options: {
    ...KEY_ID,
    ...SERVER_OPTIONS,
    'client-id': {
      type: 'string',
      value: 'ID',
      help: 'the client id to register under (default: assigned by the server)',
    },
    'key-name': { type: 'string', value: 'NAME', help: 'a name the server stores with the key' },
  },
  examples: [
    'datafold_cli crypto register-key --key-id my-app-key --server http://localhost:9001',
    'datafold_cli crypto register-key --key-id my-key --server http://localhost:9001 --client-id my-app',
  ],
  async run(ctx, options) {
    const keyId = keyIdOption(options);
    const storage = await ctx.openStore();
    const existing = await findRegistration(storage.directory, keyId);
    const current = await storage.getCurrentVersion(keyId);
    const serverOption = optionalString(options, 'server');
    const timeout = optionalString(options, 'timeout');
    if (
      existing?.status === 'active' &&
      (serverOption === undefined || serverOption.replace(/\/+$/, '') === existing.server)
    ) {
      if (existing.key_version !== current) {
        const passphrase = await ctx.passphrase.get(`Passphrase for key "${keyId}"`);
        const { followServerRotation } = await import('../server/follow-rotation.js');
        const server = await followServerRotation(ctx, {
          keyId,
          registration: existing,
          passphrase,
          newVersion: current,
          reason: 'catch up with local rotation',
          timeout,
        });
        ctx.out.result(
          { key_id: keyId, key_version: current, rotated: true, ...server },
          `Server ${String(server.server)}: client "${existing.client_id}" moved from v${existing.key_version} to v${current}`,
        );
        return;
      }
      ctx.out.result(
        { ...existing, already_registered: true },
        `"${keyId}" v${current} is already registered with ${existing.server} as client "${existing.client_id}"`,
      );
      return;
    }
    const api = await serverFor(ctx, serverOption, undefined, timeout);
    const { keyPair, version } = await unlockKey(ctx, keyId);
    try {
      const clientId = optionalString(options, 'client-id');
      const keyName = optionalString(options, 'key-name');
      const data = await api.register(keyPair, {
        ...(clientId === undefined ? {} : { clientId }),
        ...(keyName === undefined ? {} : { keyName }),
      });
      const record = {
        key_id: keyId,
        server: api.url,
        client_id: String(data.client_id),
        registration_id: typeof data.registration_id === 'string' ? data.registration_id : null,
        public_key: bytesToHex(keyPair.publicKey),
        key_version: version,
        registered_at:
          typeof data.registered_at === 'string' ? data.registered_at : new Date().toISOString(),
        status: 'active' as const,
      };
      await saveRegistration(storage.directory, record);
      ctx.out.result({ ...record, key_name: data.key_name ?? null }, [
        `${ctx.out.style('Registered', 'green')} "${keyId}" v${version} with ${api.url}`,
        `  client id:       ${record.client_id}`,
        `  registration id: ${String(record.registration_id)}`,
      ]);
    } finally {
      wipe(keyPair.privateKey);
    }
  },
};
