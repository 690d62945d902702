import { DataFoldError } from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import { usageError } from '../errors/usage-error.js';
import { optionalString } from '../cli/option-readers.js';
import { saveConfig } from '../config/config-file.js';
import { isSecurityLevel, SECURITY_LEVEL_PARAMS } from '../config/security-levels.js';
import { validateConfig } from '../config/validate-config.js';
import { runValidateConfig } from './validate-config.js';

/** `true`/`false`, integers and `null` are JSON values; anything else is a string. */
function parseValue(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (/^-?[0-9]+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  return text;
}

const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

export const command = defineCommand('config', {
  usage: 'config show [--section SECTION] | config set KEY VALUE | config validate [--strict]',
  description: [
    'show prints the configuration (one section with --section). set changes one setting by its',
    'dotted path (crypto. is implied: "server.default_url"); values true, false, null and whole',
    'numbers are typed, the rest are strings. Setting security_level also sets key_derivation to',
    "that level's Argon2id cost. A change that makes the configuration invalid is refused (exit 3).",
  ].join('\n'),
  options: {
    section: { type: 'string', value: 'SECTION', help: 'show only this section (crypto)' },
    strict: { type: 'boolean', help: 'config validate: treat warnings as errors' },
  },
  positionals: { min: 1, max: 3, names: 'show | set KEY VALUE | validate' },
  examples: [
    'datafold_cli config show --section crypto',
    'datafold_cli crypto config set server.default_url http://localhost:9001',
    'datafold_cli crypto config set security_level sensitive',
  ],
  async run(ctx, options, positionals) {
    const [action, key, value] = positionals;
    if (action === 'validate') return runValidateConfig(ctx, options.strict === true);
    const config = await ctx.requireConfig();
    if (action === 'show') {
      const section = optionalString(options, 'section');
      const shown = section === undefined ? config : (config as Record<string, unknown>)[section];
      if (shown === undefined) throw usageError(`No section "${section}" in ${ctx.configPath}`);
      ctx.out.result(
        section === undefined
          ? { config_path: ctx.configPath, config }
          : { config_path: ctx.configPath, section, config: shown },
        `# ${ctx.configPath}\n${JSON.stringify(shown, null, 2)}`,
      );
      return EXIT.SUCCESS;
    }
    if (action !== 'set' || key === undefined || value === undefined) {
      throw usageError(
        'use: config show [--section crypto] | config set KEY VALUE | config validate',
      );
    }
    const path = key.split('.');
    if (path[0] !== 'crypto') path.unshift('crypto');
    if (path.some((p) => p === '' || UNSAFE.has(p)))
      throw usageError(`"${key}" is not a setting path`);
    const updated = structuredClone(config) as unknown as Record<string, unknown>;
    let node = updated;
    for (const part of path.slice(0, -1)) {
      const next = node[part];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    const typed = parseValue(value);
    node[path[path.length - 1]!] = typed;
    if (path.join('.') === 'crypto.security_level' && isSecurityLevel(typed)) {
      const p = SECURITY_LEVEL_PARAMS[typed];
      updated.crypto = {
        ...(updated.crypto as object),
        key_derivation: {
          algorithm: 'argon2',
          memory_cost: p.memory,
          time_cost: p.iterations,
          parallelism: p.parallelism,
        },
      };
    }
    const errors = validateConfig(updated).filter((i) => i.severity === 'error');
    if (errors.length > 0) {
      throw new DataFoldError(
        'INVALID_CONFIG',
        `Not saved: ${errors.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      );
    }
    await saveConfig(ctx.configPath, updated as never);
    ctx.out.result(
      { config_path: ctx.configPath, key: path.join('.'), value: typed },
      `${path.join('.')} = ${JSON.stringify(typed)}`,
    );
    return EXIT.SUCCESS;
  },
});
