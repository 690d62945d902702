import { KeyRotationManager } from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import { KEY_ID, keyIdOption } from '../cli/key-options.js';
import { integerOption } from '../cli/option-readers.js';

export const command = defineCommand('cleanup-old-versions', {
  usage: 'cleanup-old-versions --key-id ID --keep N',
  description:
    'Proves the passphrase on the current version, then deletes the oldest non-current versions\nuntil N remain (spec/key-rotation-v1.md §7). The current version is never deleted. Signatures\nmade by deleted versions can no longer be checked against them locally.',
  options: {
    ...KEY_ID,
    keep: {
      type: 'string',
      value: 'N',
      help: 'versions to keep, the current included (at least 1)',
    },
  },
  examples: ['datafold_cli crypto cleanup-old-versions --key-id my-app-key --keep 2'],
  async run(ctx, options) {
    const keyId = keyIdOption(options);
    const keep = integerOption(options, 'keep', undefined, 1, 999_999_999);
    const storage = await ctx.openStore();
    const manager = new KeyRotationManager(storage);
    const before = (await storage.listVersions(keyId)).map((v) => v.version);
    const passphrase = await ctx.passphrase.get(`Passphrase for key "${keyId}"`);
    const progress = ctx.out.progress(`Checking the passphrase of "${keyId}" (Argon2id)`);
    const removed = await manager
      .cleanupOldVersions(keyId, passphrase, keep)
      .finally(() => progress.done());
    const after = (await storage.listVersions(keyId)).map((v) => v.version);
    ctx.out.result(
      {
        key_id: keyId,
        removed,
        removed_versions: before.filter((v) => !after.includes(v)),
        remaining_versions: after,
      },
      `Removed ${removed} old version${removed === 1 ? '' : 's'} of "${keyId}"; remaining: ${after.join(', ')}`,
    );
    return EXIT.SUCCESS;
  },
});
