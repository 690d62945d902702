import { StorageError } from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import { KEY_ID, keyIdOption } from '../cli/key-options.js';
import { usageError } from '../errors/usage-error.js';
import { canPrompt, promptLine } from '../io/prompt.js';

export const command = defineCommand('delete-key', {
  usage: 'delete-key --key-id ID [--confirm]',
  description:
    'Deletes every version of the key and its pointer (spec/key-file-v1.md §8). Without --confirm\nit asks you to type the key id on a terminal, and refuses elsewhere. Back the key up first.',
  options: { ...KEY_ID, confirm: { type: 'boolean', help: 'do not ask' } },
  examples: ['datafold_cli crypto delete-key --key-id old-key --confirm'],
  async run(ctx, options) {
    const keyId = keyIdOption(options);
    const storage = await ctx.openStore();
    if (!(await storage.hasKey(keyId)))
      throw new StorageError('KEY_NOT_FOUND', `No key is stored under "${keyId}"`, { keyId });
    if (options.confirm !== true) {
      if (!canPrompt())
        throw usageError(`deleting "${keyId}" needs --confirm (no terminal to ask on)`);
      const typed = await promptLine(
        `Delete every version of "${keyId}"? Type the key id to confirm: `,
      );
      if (typed !== keyId) throw usageError('Not confirmed; nothing was deleted');
    }
    const versions = (await storage.listVersions(keyId).catch(() => [])).map((v) => v.version);
    await storage.deleteKey(keyId);
    const { forgetRegistration } = await import('../store/registrations.js');
    await forgetRegistration(await ctx.storageDirectory(), keyId);
    ctx.out.result(
      { key_id: keyId, deleted: true, versions },
      `Deleted "${keyId}" (${versions.length} version${versions.length === 1 ? '' : 's'})`,
    );
    return EXIT.SUCCESS;
  },
});
