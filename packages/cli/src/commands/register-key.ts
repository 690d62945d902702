import { randomUUID } from 'node:crypto';

import {
  bytesToHex,
  isDataFoldError,
  keyFingerprint,
  ServerIntegrationError,
  wipe,
  type Ed25519KeyPair,
  type PublicKeyRegistration,
} from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { EXIT } from '../cli/exit-codes.js';
import { SERVER_OPTIONS } from '../cli/global-options.js';
import { KEY_ID, keyIdOption } from '../cli/key-options.js';
import { unlockKey } from '../cli/unlock-key.js';
import { optionalString } from '../cli/option-readers.js';
import { registerOrConfirm } from '../server/register-or-confirm.js';
import { rotationReport } from '../server/rotation-report.js';
import type { ServerApi } from '../server/server-api.js';
import { serverFor } from '../server/server-target.js';
import {
  findRegistration,
  forgetRegistration,
  saveRegistration,
  type Registration,
} from '../store/registrations.js';

export const command = defineCommand('register-key', {
  usage: 'register-key --key-id ID [--server URL] [--client-id ID] [--key-name NAME]',
  description: [
    'Registers the current public key of the key, with a proof of possession signed by it',
    "(spec/http-statements.md §6). Without --client-id one is made in the server's form",
    '(client_ + a UUIDv4). The registration is written down in the key directory before the',
    'request (pending) and completed after it, so verify, rotate-key and revoke-registration can',
    'use it and an interrupted run resumes under the same client id; a refusal removes the record.',
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
      if (existing.key_version !== current) return catchUp(ctx, existing, current, timeout);
      const fingerprint = keyFingerprint(existing.public_key);
      ctx.out.result({ ...existing, fingerprint, already_registered: true }, [
        `"${keyId}" v${current} is already registered with ${existing.server} as client "${existing.client_id}"`,
        `  fingerprint:     ${fingerprint}`,
      ]);
      return EXIT.SUCCESS;
    }
    const api = await serverFor(ctx, serverOption, undefined, timeout);
    const { keyPair, version } = await unlockKey(ctx, keyId);
    try {
      const resumed = existing?.status === 'pending' ? existing : undefined;
      const { record, registration } = await registerRecorded(storage.directory, api, {
        keyId,
        keyPair,
        version,
        clientId:
          optionalString(options, 'client-id') ?? resumed?.client_id ?? `client_${randomUUID()}`,
        keyName: optionalString(options, 'key-name'),
        existing,
      });
      // Computed here, not read from the server: the compat answer has no fingerprint, and
      // anyone holding the key gets the same text (spec/key-fingerprint-v1.md §6).
      const fingerprint = keyFingerprint(keyPair.publicKey);
      ctx.out.result({ ...record, key_name: registration.keyName, fingerprint }, [
        `${ctx.out.style('Registered', 'green')} "${keyId}" v${version} with ${api.url}`,
        `  client id:       ${record.client_id}`,
        `  registration id: ${String(record.registration_id)}`,
        `  fingerprint:     ${fingerprint}`,
      ]);
    } finally {
      wipe(keyPair.privateKey);
    }
    return EXIT.SUCCESS;
  },
});

/** The key was rotated here since it was registered: rotate the server's registration too. */
async function catchUp(
  ctx: Context,
  existing: Registration,
  current: number,
  timeout: string | undefined,
): Promise<number> {
  const keyId = existing.key_id;
  const passphrase = await ctx.passphrase.get(`Passphrase for key "${keyId}"`);
  const { followServerRotation } = await import('../server/follow-rotation.js');
  const followed = await followServerRotation(ctx, {
    keyId,
    registration: existing,
    passphrase,
    newVersion: current,
    reason: 'catch up with local rotation',
    timeout,
  });
  ctx.out.result(
    { key_id: keyId, key_version: current, rotated: true, ...rotationReport(followed) },
    `Server ${followed.server}: client "${existing.client_id}" moved from v${existing.key_version} to v${current}`,
  );
  return EXIT.SUCCESS;
}

/**
 * Registers the key, recorded first and registered second (as the SDKs' sessions do): the
 * client id is fixed and written down (pending) before the server hears of the key, so an
 * interrupted run resumes under the same id instead of meeting CLIENT_ALREADY_REGISTERED. A
 * refusal puts the record back as it was; an unknown outcome keeps it pending and says so.
 */
async function registerRecorded(
  directory: string,
  api: ServerApi,
  input: {
    keyId: string;
    keyPair: Ed25519KeyPair;
    version: number;
    clientId: string;
    keyName: string | undefined;
    existing: Registration | undefined;
  },
): Promise<{ record: Registration; registration: PublicKeyRegistration }> {
  const { keyId, clientId, existing } = input;
  const pending: Registration = {
    key_id: keyId,
    server: api.url,
    client_id: clientId,
    registration_id: null,
    public_key: bytesToHex(input.keyPair.publicKey),
    key_version: input.version,
    registered_at: new Date().toISOString(),
    status: 'pending',
  };
  await saveRegistration(directory, pending);
  let registration: PublicKeyRegistration;
  try {
    registration = await registerOrConfirm(api, input.keyPair, clientId, input.keyName);
  } catch (error) {
    if (
      isDataFoldError(error) &&
      (error.details as { registered?: unknown }).registered === 'unknown'
    ) {
      throw new ServerIntegrationError(
        error.code,
        `${error.message}; whether ${api.url} registered "${keyId}" as client "${clientId}" is unknown: run register-key --key-id ${keyId} again to finish`,
        { details: { ...error.details, client_id: clientId } },
      );
    }
    // Refused: nothing was registered, so the record goes back to what it was.
    if (existing === undefined) await forgetRegistration(directory, keyId);
    else await saveRegistration(directory, existing);
    throw error;
  }
  const record: Registration = {
    ...pending,
    client_id: registration.clientId,
    registration_id: registration.registrationId,
    registered_at: registration.registeredAt,
    status: 'active',
  };
  await saveRegistration(directory, record);
  return { record, registration };
}
