import { bytesToHex, getEd25519Backend } from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { EXIT } from '../cli/exit-codes.js';
import { CLI_VERSION } from '../cli/version.js';
import { kdfParamsOf } from '../config/kdf-params.js';
import { inspectSetup, type SetupInspection, type SetupState } from '../config/setup-state.js';
import { validateConfig } from '../config/validate-config.js';

export const command = defineCommand('status', {
  usage: 'status [--verbose]',
  description:
    'Reports the configuration and key directory in use, the security level and its Argon2id cost,\nhow many keys are stored, and every key file that cannot be read (named). "Initialised" only\nwith both the configuration and the master key; otherwise the state (none, incomplete, invalid)\nand what to run. Exits 0 either way; "initialized" and "state" say which.',
  options: {},
  examples: ['datafold_cli crypto status', 'datafold_cli crypto status --verbose --json'],
  async run(ctx) {
    const found = await inspectSetup(ctx.configPath, ctx.env);
    if (found.state !== 'complete') {
      printNotReady(ctx, found);
      return EXIT.SUCCESS;
    }
    const config = found.config!;
    const issues = validateConfig(config);
    const storage = await ctx.openStore();
    const { keys, problems } = await storage.inspect();
    const params = kdfParamsOf(config);
    const backend = await getEd25519Backend();
    const data = {
      initialized: true,
      state: found.state,
      version: CLI_VERSION,
      config_path: ctx.configPath,
      storage_path: storage.directory,
      method: config.crypto.master_key_method,
      security_level: config.crypto.security_level,
      kdf: { algorithm: 'argon2id', ...params },
      key_count: keys.length,
      keys: ctx.verbose
        ? keys.map((k) => ({
            key_id: k.keyId,
            version: k.version,
            public_key: bytesToHex(k.publicKey),
          }))
        : undefined,
      problems,
      config_issues: issues,
      ed25519_backend: backend,
      node: process.version,
    };
    const lines = [
      `${ctx.out.style('Initialised', 'green')} (${data.method}, ${data.security_level}: Argon2id m=${params.memory} KiB t=${params.iterations} p=${params.parallelism})`,
      `  config:   ${ctx.configPath}`,
      `  keys:     ${storage.directory} (${keys.length} key${keys.length === 1 ? '' : 's'})`,
      `  ed25519:  ${backend}, node ${process.version}`,
    ];
    if (ctx.verbose)
      for (const k of keys) lines.push(`    ${k.keyId} v${k.version} ${bytesToHex(k.publicKey)}`);
    for (const p of problems)
      lines.push(`  ${ctx.out.style('unreadable', 'red')}: ${p.message} (${p.code})`);
    for (const i of issues) lines.push(`  config ${i.severity}: ${i.path}: ${i.message}`);
    ctx.out.result(data, lines);
    return EXIT.SUCCESS;
  },
});

/** Never "Initialised" for a half-made setup: say what is there and how to go on. */
function printNotReady(ctx: Context, found: SetupInspection): void {
  const state = found.state as Exclude<SetupState, 'complete'>;
  const how = {
    none: 'Run: datafold_cli crypto init --method random --security-level balanced',
    incomplete:
      'Run: datafold_cli crypto init --force (creates the master key; the configuration is rewritten, other keys are kept)',
    invalid: `Fix it (datafold_cli crypto validate-config names the problems), or run datafold_cli crypto init --force (keys are kept)`,
  }[state];
  const headline = {
    none: `${ctx.out.style('Not initialised', 'yellow')}: no ${ctx.configPath}`,
    incomplete: `${ctx.out.style('Incomplete', 'yellow')}: ${ctx.configPath} exists but the master key "${found.masterKeyId}" is not in ${found.directory}`,
    invalid: `${ctx.out.style('Configuration unreadable', 'red')}: ${found.problem ?? ctx.configPath}`,
  }[state];
  ctx.out.result(
    {
      initialized: false,
      state,
      config_path: ctx.configPath,
      storage_path: found.directory,
      master_key_id: found.masterKeyId,
      version: CLI_VERSION,
      next: how,
    },
    [headline, how],
  );
}
