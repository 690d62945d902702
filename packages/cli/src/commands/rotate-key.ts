import {
  bytesToHex,
  keyFingerprint,
  KeyRotationManager,
  wipe,
  type RotationResult,
  type RotationMethod,
} from '@datafold/js-sdk';

import type { FileKeyStorage } from '@datafold/js-sdk/node';

import { defineCommand } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { EXIT } from '../cli/exit-codes.js';
import { SERVER_OPTIONS } from '../cli/global-options.js';
import { KEY_ID, keyIdOption } from '../cli/key-options.js';
import { choiceOption, optionalString } from '../cli/option-readers.js';
import type { CliConfig } from '../config/cli-config.js';
import { rotationReport, type FollowedRotation } from '../server/rotation-report.js';
import { findRegistration } from '../store/registrations.js';

export const command = defineCommand('rotate-key', {
  usage:
    'rotate-key --key-id ID [--method regenerate|derive|rederive] [--keep-old] [--reason TEXT] [--no-server]',
  description: [
    'Writes the next version and only then makes it current (spec/key-rotation-v1.md): an',
    'interruption leaves the old or the new version current, never neither; concurrent rotations',
    'each get their own version. Methods: regenerate (fresh random key, the one to use after a',
    'compromise), derive (HKDF from the current seed), rederive (HKDF from the master key of init).',
    'Without --keep-old the older versions are deleted after the rotation.',
    'If the key is registered with a server (register-key), the registration is rotated too, signed',
    'by the old key (spec/http-statements.md); the old version is kept until the server agrees. If',
    'the server cannot be reached the local rotation stands and register-key --key-id ID later',
    'brings the server up to date.',
  ].join('\n'),
  options: {
    ...KEY_ID,
    method: {
      type: 'string',
      value: 'METHOD',
      help: 'regenerate (default), derive or rederive',
      choices: ['regenerate', 'derive', 'rederive'],
    },
    'keep-old': { type: 'boolean', help: 'keep the previous versions' },
    reason: {
      type: 'string',
      value: 'TEXT',
      help: 'why (recorded, and sent to the server); default manual',
    },
    'no-server': { type: 'boolean', help: 'do not rotate the server registration' },
    ...SERVER_OPTIONS,
  },
  examples: [
    'datafold_cli crypto rotate-key --key-id my-app-key --method derive',
    'datafold_cli crypto rotate-key --key-id my-key --method derive --keep-old --reason "scheduled_rotation"',
    'datafold_cli crypto rotate-key --key-id my-key --method regenerate --reason "security_breach"',
  ],
  async run(ctx, options) {
    const keyId = keyIdOption(options);
    const method = choiceOption<RotationMethod>(
      options,
      'method',
      ['regenerate', 'derive', 'rederive'],
      'regenerate',
    );
    const reason = optionalString(options, 'reason') ?? 'manual';
    const keepOld = options['keep-old'] === true;
    const config = await ctx.requireConfig();
    const storage = await ctx.openStore();
    const directory = storage.directory;
    const registration =
      options['no-server'] === true ? undefined : await findRegistration(directory, keyId);
    const followServer = registration !== undefined && registration.status === 'active';
    const passphrase = await ctx.passphrase.get(`Passphrase for key "${keyId}"`);
    const masterKey =
      method === 'rederive' ? await unlockMaster(ctx, storage, config, passphrase) : undefined;
    const manager = new KeyRotationManager(storage);
    const progress = ctx.out.progress(`Rotating "${keyId}" (${method})`);
    const result = await manager
      .rotateKey(keyId, passphrase, {
        method,
        reason,
        // A registered key keeps its old version until the server has moved (below).
        keepOldVersion: keepOld || followServer,
        ...(masterKey === undefined ? {} : { masterKey }),
      })
      .finally(() => {
        progress.done();
        if (masterKey) wipe(masterKey);
      });
    let server: FollowedRotation | undefined;
    const removed = [...result.removedVersions];
    if (followServer) {
      const { followServerRotation } = await import('../server/follow-rotation.js');
      server = await followServerRotation(ctx, {
        keyId,
        registration,
        passphrase,
        newVersion: result.newVersion,
        reason,
        serverOverride: optionalString(options, 'server'),
        timeout: optionalString(options, 'timeout'),
        newKeyPair: result.keyPair,
      }).finally(() => wipe(result.keyPair.privateKey));
      // Kept until the server moved; now, without --keep-old, the older versions go.
      if (!keepOld) removed.push(...(await deleteOlderVersions(storage, keyId)));
    }
    wipe(result.keyPair.privateKey);
    printRotation(ctx, { keyId, method, reason, result, removed, server });
    return EXIT.SUCCESS;
  },
});

/** What rotate-key did: the rotation, the versions it removed, and the server's move. */
interface RotationDone {
  keyId: string;
  method: RotationMethod;
  reason: string;
  result: RotationResult;
  removed: number[];
  server: FollowedRotation | undefined;
}

function printRotation(ctx: Context, rotation: RotationDone): void {
  const { keyId, method, reason, result, server } = rotation;
  const removed = [...new Set(rotation.removed)].sort((a, b) => a - b);
  ctx.out.result(
    {
      key_id: keyId,
      method,
      reason,
      previous_version: result.previousVersion,
      new_version: result.newVersion,
      previous_public_key: bytesToHex(result.previousPublicKey),
      previous_fingerprint: keyFingerprint(result.previousPublicKey),
      public_key: bytesToHex(result.publicKey),
      fingerprint: keyFingerprint(result.publicKey),
      removed_versions: removed,
      server: server ? rotationReport(server) : null,
    },
    [
      `${ctx.out.style('Rotated', 'green')} "${keyId}" v${result.previousVersion} → v${result.newVersion} (${method}, ${reason})`,
      `  new public key: ${bytesToHex(result.publicKey)}`,
      `  fingerprint:    ${keyFingerprint(result.publicKey)}`,
      ...(removed.length > 0 ? [`  removed versions: ${removed.join(', ')}`] : []),
      ...(server
        ? [
            `  server ${server.server}: client "${server.clientId}" now uses v${result.newVersion} (signed by the old key)`,
          ]
        : []),
    ],
  );
}

/** rotate-key --method rederive: the master key of init, unlocked with the key passphrase. */
async function unlockMaster(
  ctx: Context,
  storage: FileKeyStorage,
  config: CliConfig,
  passphrase: string,
): Promise<Uint8Array> {
  const masterId = config.crypto.master_key_id ?? 'master';
  const progress = ctx.out.progress(`Unlocking the master key "${masterId}" (Argon2id)`);
  const master = await storage.retrieveKeyPair(masterId, passphrase).finally(() => progress.done());
  return master.privateKey;
}

/** Deletes every version of the key but the current one; resolves to those it deleted. */
async function deleteOlderVersions(storage: FileKeyStorage, keyId: string): Promise<number[]> {
  const deleted: number[] = [];
  for (const v of await storage.listVersions(keyId)) {
    if (!v.current && (await storage.deleteKeyVersion(keyId, v.version))) deleted.push(v.version);
  }
  return deleted;
}
