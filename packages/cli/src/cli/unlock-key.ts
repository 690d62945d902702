import type { Ed25519KeyPair } from '@datafold/js-sdk';

import type { Context } from './context.js';

/**
 * Decrypts a stored key (the current version, or `version`) with the key passphrase, showing
 * progress on a terminal while Argon2id runs. A wrong passphrase is DECRYPTION_FAILED and
 * nothing on disk changes. The caller wipes `keyPair.privateKey` when done.
 *
 * @example
 * const { keyPair, version } = await unlockKey(ctx, 'my-app-key');
 */
export async function unlockKey(
  ctx: Context,
  keyId: string,
  version?: number,
): Promise<{ keyPair: Ed25519KeyPair; version: number }> {
  const storage = await ctx.openStore();
  const current = version ?? (await storage.getCurrentVersion(keyId));
  const passphrase = await ctx.passphrase.get(`Passphrase for key "${keyId}"`);
  const progress = ctx.out.progress(`Unlocking "${keyId}" (Argon2id)`);
  try {
    return {
      keyPair: await storage.retrieveKeyVersion(keyId, current, passphrase),
      version: current,
    };
  } finally {
    progress.done();
  }
}
