import { StorageError, type Ed25519KeyPair, type KeyVersionInfo } from '@datafold/js-sdk';
import type { FileKeyStorage } from '@datafold/js-sdk/node';

import type { OptionValues } from './command.js';
import type { Context } from './context.js';
import { versionOption } from './key-options.js';

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

/**
 * A stored key's versions and the one `--version` asks for (the current one without it), read
 * without the passphrase. KEY_NOT_FOUND when the key or that version does not exist; the key is
 * looked up before `--version` is read, so a missing key is KEY_NOT_FOUND whatever it says.
 *
 * @example
 * const { info, versions } = await findKeyVersion(storage, 'my-app-key', options);
 */
export async function findKeyVersion(
  storage: FileKeyStorage,
  keyId: string,
  options: OptionValues,
): Promise<{ info: KeyVersionInfo; versions: KeyVersionInfo[] }> {
  const versions = await storage.listVersions(keyId);
  const wanted = versionOption(options);
  const info =
    wanted === undefined
      ? versions.find((v) => v.current)
      : versions.find((v) => v.version === wanted);
  if (info === undefined) {
    throw new StorageError('KEY_NOT_FOUND', `Key "${keyId}" has no version ${wanted}`, { keyId });
  }
  return { info, versions };
}
