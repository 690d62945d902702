import { wipe, type Ed25519KeyPair } from '@datafold/js-sdk';

import type { Context } from '../cli/context.js';
import { saveRegistration, type Registration } from '../store/registrations.js';
import type { FollowedRotation } from './rotation-report.js';
import { serverFor } from './server-target.js';

/**
 * Moves a registration from the version the server holds to `newVersion`, signed by the old key
 * and proven by the new one (spec/http-statements.md §5), then records it. Used by rotate-key
 * and by register-key when the server is behind. A failure leaves the local keys as they are
 * and the record unchanged, so running register-key again retries.
 *
 * @example
 * const followed = await followServerRotation(ctx, { keyId, registration, passphrase, newVersion: 3, reason: 'scheduled' });
 */
export async function followServerRotation(
  ctx: Context,
  input: {
    keyId: string;
    registration: Registration;
    passphrase: string;
    newVersion: number;
    reason: string;
    serverOverride?: string | undefined;
    timeout?: string | undefined;
    newKeyPair?: Ed25519KeyPair;
  },
): Promise<FollowedRotation> {
  const storage = await ctx.openStore();
  const { registration, keyId } = input;
  const api = await serverFor(ctx, input.serverOverride, registration.server, input.timeout);
  const progress = ctx.out.progress(
    `Unlocking "${keyId}" v${registration.key_version} and v${input.newVersion} to sign the server rotation`,
  );
  let oldPair: Ed25519KeyPair | undefined;
  let newPair: Ed25519KeyPair | undefined = input.newKeyPair;
  try {
    oldPair = await storage.retrieveKeyVersion(keyId, registration.key_version, input.passphrase);
    newPair ??= await storage.retrieveKeyVersion(keyId, input.newVersion, input.passphrase);
  } finally {
    progress.done();
  }
  try {
    const rotation = await api.rotate({
      clientId: registration.client_id,
      oldKeyPair: oldPair,
      newKeyPair: newPair,
      reason: input.reason,
    });
    await saveRegistration(storage.directory, {
      ...registration,
      server: api.url,
      registration_id: rotation.registrationId,
      public_key: rotation.publicKey,
      key_version: input.newVersion,
      registered_at: rotation.registeredAt,
    });
    return { server: api.url, clientId: registration.client_id, rotation };
  } catch (error) {
    ctx.out.warn(
      `the local rotation of "${keyId}" to v${input.newVersion} is done, but the server ${api.url} still has v${registration.key_version}; run: datafold_cli crypto register-key --key-id ${keyId} to retry`,
    );
    throw error;
  } finally {
    wipe(oldPair.privateKey);
    if (input.newKeyPair === undefined) wipe(newPair.privateKey);
  }
}
