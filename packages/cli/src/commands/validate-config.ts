import { StorageError } from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import type { Context } from '../cli/context.js';
import { validateConfig } from '../config/validate-config.js';

/**
 * `validate-config` and `config validate`: the configuration's issues, and exit 0 or
 * INVALID_CONFIG (exit 3) when an error (with `strict`, also a warning) is among them.
 *
 * @example
 * if (action === 'validate') return runValidateConfig(ctx, options.strict === true);
 */
export async function runValidateConfig(ctx: Context, strict: boolean): Promise<number> {
  const config = await ctx.requireConfig();
  const issues = validateConfig(config);
  const failing = issues.filter(
    (i) => i.severity === 'error' || (strict && i.severity === 'warning'),
  );
  if (failing.length > 0) {
    for (const i of issues) ctx.out.warn(`${i.path}: ${i.message} (${i.severity})`);
    throw new StorageError(
      'INVALID_CONFIG',
      `${ctx.configPath}: ${failing.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { issues },
    );
  }
  ctx.out.result({ valid: true, config_path: ctx.configPath, strict, issues }, [
    `${ctx.out.style('Configuration valid', 'green')}: ${ctx.configPath}`,
    ...issues.map((i) => `  ${i.severity}: ${i.path}: ${i.message}`),
  ]);
  return EXIT.SUCCESS;
}

export const command = defineCommand('validate-config', {
  usage: 'validate-config [--strict]',
  description:
    "Checks the configuration against its schema and the KDF bounds. Exit 3 (INVALID_CONFIG) with\nthe problems named; --strict also fails on warnings (unknown settings, costs off the level, http).\nNotes say how a setting is read (the document's key_storage_path for storage.path) and never fail.",
  options: { strict: { type: 'boolean', help: 'treat warnings as errors' } },
  examples: [
    'datafold_cli crypto validate-config',
    'datafold_cli crypto validate-config --strict --json',
  ],
  async run(ctx, options) {
    return runValidateConfig(ctx, options.strict === true);
  },
});
