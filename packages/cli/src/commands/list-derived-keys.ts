import { bytesToHex } from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import { keyIdOption } from '../cli/key-options.js';

export const command = defineCommand('list-derived-keys', {
  usage: 'list-derived-keys --master-key-id ID',
  description:
    'Lists the stored keys whose metadata says derive-key made them from the master key, with\ncontext and algorithm. Metadata is unauthenticated (spec/key-file-v1.md §5): it is a record, not proof.',
  options: { 'master-key-id': { type: 'string', value: 'ID', help: 'the master key' } },
  examples: ['datafold_cli crypto list-derived-keys --master-key-id master'],
  async run(ctx, options) {
    const masterId = keyIdOption(options, 'master-key-id');
    const storage = await ctx.openStore();
    const { keys } = await storage.inspect();
    const derived = keys
      .filter(
        (k) =>
          (k.metadata.derived_from as { master_key_id?: unknown } | undefined)?.master_key_id ===
          masterId,
      )
      .map((k) => {
        const from = k.metadata.derived_from as Record<string, unknown>;
        return {
          key_id: k.keyId,
          context: typeof from.context === 'string' ? from.context : null,
          algorithm: typeof from.algorithm === 'string' ? from.algorithm : null,
          master_version: from.master_version ?? null,
          created: k.created,
          public_key: bytesToHex(k.publicKey),
        };
      });
    ctx.out.result(
      { master_key_id: masterId, derived_keys: derived },
      derived.length === 0
        ? `No keys derived from "${masterId}"`
        : derived.map(
            (d) => `${d.key_id}  ${d.algorithm ?? '?'}  ${d.context ?? '?'}  ${d.public_key}`,
          ),
    );
    return EXIT.SUCCESS;
  },
});
