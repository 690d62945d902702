import { bytesToHex, KeyRotationManager } from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import { KEY_ID, keyIdOption } from '../cli/key-options.js';

export const command = defineCommand('list-key-versions', {
  usage: 'list-key-versions --key-id ID',
  description:
    'Lists every stored version (oldest first) with its creation time, public key and the rotation\nthat wrote it (method, reason). No passphrase is needed.',
  options: { ...KEY_ID },
  examples: [
    'datafold_cli crypto list-key-versions --key-id my-app-key',
    'datafold_cli crypto list-key-versions --key-id my-app-key --json',
  ],
  async run(ctx, options) {
    const keyId = keyIdOption(options);
    const manager = new KeyRotationManager(await ctx.openStore());
    const versions = await manager.listKeyVersions(keyId);
    const rows = versions.map((v) => ({
      version: v.version,
      current: v.current,
      created: v.created,
      public_key: bytesToHex(v.publicKey),
      method: v.rotation?.method ?? null,
      reason: v.rotation?.reason ?? null,
    }));
    ctx.out.result(
      { key_id: keyId, versions: rows },
      rows.map(
        (r) =>
          `${r.current ? '*' : ' '} v${String(r.version).padEnd(4)} ${r.created.padEnd(20)}  ${r.public_key}${r.method ? `  ${r.method}${r.reason ? ` (${r.reason})` : ''}` : ''}`,
      ),
    );
    return EXIT.SUCCESS;
  },
});
