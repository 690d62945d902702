/// <reference types="node" />

import {
  bytesToBase64,
  bytesToHex,
  deriveKey,
  generateKeyPair,
  keyPairFromSeed,
  wipe,
  type Ed25519KeyPair,
} from '@datafold/js-sdk';

import type { CommandDefinition } from '../cli/command.js';
import { choiceOption, usageError } from '../cli/usage-error.js';
import type { MasterKeyMethod } from '../config/cli-config.js';
import { defaultConfig, saveConfig } from '../config/config-file.js';
import { SECURITY_LEVEL_PARAMS, SECURITY_LEVELS } from '../config/security-levels.js';

export const command: CommandDefinition = {
  name: 'init',
  summary: 'Set up config, key directory and master key',
  usage:
    'init [--method random|passphrase] [--security-level interactive|balanced|sensitive] [--force]',
  description: [
    'Writes the configuration (~/.datafold/config.json or DATAFOLD_CONFIG_PATH), creates the key',
    'directory (~/.datafold/keys or DATAFOLD_CRYPTO_STORAGE, mode 0700) and stores a master key',
    'under the id "master", encrypted with the passphrase. The master key is what derive-key and',
    'rotate-key --method rederive derive from. --method random draws it from the OS CSPRNG;',
    '--method passphrase derives it from the passphrase with Argon2id and a random salt (kept in',
    "the key's metadata), so passphrase and salt together can recreate it.",
    'Security levels set the Argon2id cost of every key file and backup written afterwards:',
    ...SECURITY_LEVELS.map((l) => {
      const p = SECURITY_LEVEL_PARAMS[l];
      return `  ${l.padEnd(12)} m=${p.memory} KiB, t=${p.iterations}, p=${p.parallelism}`;
    }),
  ].join('\n'),
  options: {
    method: { type: 'string', value: 'METHOD', help: 'random (default) or passphrase' },
    'security-level': {
      type: 'string',
      value: 'LEVEL',
      help: 'interactive, balanced (default) or sensitive',
    },
    force: { type: 'boolean', help: 'rewrite an existing configuration (keys are never touched)' },
  },
  examples: [
    'datafold_cli crypto init --method random --security-level balanced',
    'datafold_cli crypto init --method passphrase --security-level interactive --passphrase-file ./pass.txt',
  ],
  async run(ctx, options) {
    const method = choiceOption<MasterKeyMethod>(
      options,
      'method',
      ['random', 'passphrase'],
      'random',
    );
    const level = choiceOption(options, 'security-level', SECURITY_LEVELS, 'balanced');
    const existing = await ctx.loadConfig().catch(() => undefined);
    if (existing !== undefined && options.force !== true) {
      throw usageError(
        `Crypto is already set up (${ctx.configPath}); pass --force to rewrite the configuration`,
      );
    }
    const config = defaultConfig(level, method);
    await saveConfig(ctx.configPath, config);
    ctx.reloadConfig();
    const storage = await ctx.openStore();
    const masterId = config.crypto.master_key_id;
    let created = false;
    let masterPublic: Uint8Array | undefined;
    if (!(await storage.hasKey(masterId))) {
      const passphrase = await ctx.passphrase.getNew('Passphrase for the master key and new keys');
      const progress = ctx.out.progress('Deriving the key-file key (Argon2id)');
      let pair: Ed25519KeyPair;
      const metadata: Record<string, unknown> = {
        name: 'DataFold CLI master key',
        master: { method },
      };
      try {
        if (method === 'random') {
          pair = await generateKeyPair();
        } else {
          const salt = crypto.getRandomValues(new Uint8Array(32));
          const params = SECURITY_LEVEL_PARAMS[level];
          const derived = await deriveKey(passphrase, { algorithm: 'argon2id', salt, ...params });
          pair = await keyPairFromSeed(derived.key);
          wipe(derived.key);
          metadata.master = { method, kdf: 'argon2id', salt: bytesToBase64(salt), ...params };
        }
        await storage.storeKeyPair(masterId, pair, passphrase, metadata, { overwrite: false });
      } finally {
        progress.done();
      }
      masterPublic = pair.publicKey;
      wipe(pair.privateKey);
      created = true;
    } else {
      masterPublic = (await storage.listKeys()).find((k) => k.keyId === masterId)?.publicKey;
    }
    const params = SECURITY_LEVEL_PARAMS[level];
    ctx.out.result(
      {
        initialized: true,
        config_path: ctx.configPath,
        storage_path: storage.directory,
        method,
        security_level: level,
        kdf: { algorithm: 'argon2id', ...params },
        master_key_id: masterId,
        master_key_created: created,
        master_public_key: masterPublic ? bytesToHex(masterPublic) : null,
      },
      [
        `${ctx.out.style('Crypto initialised', 'green')} (${method}, ${level}: Argon2id m=${params.memory} KiB t=${params.iterations} p=${params.parallelism})`,
        `  config:  ${ctx.configPath}`,
        `  keys:    ${storage.directory}`,
        `  master:  "${masterId}" ${created ? 'created' : 'kept (already stored)'}${masterPublic ? `, public key ${bytesToHex(masterPublic)}` : ''}`,
      ],
    );
  },
};
