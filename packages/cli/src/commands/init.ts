/// <reference types="node" />
import { existsSync } from 'node:fs';
import { rmdir } from 'node:fs/promises';
import { dirname } from 'node:path';

import {
  bytesToBase64,
  bytesToHex,
  deriveKey,
  generateKeyPair,
  keyPairFromSeed,
  wipe,
  type Ed25519KeyPair,
} from '@datafold/js-sdk';
import type { FileKeyStorage } from '@datafold/js-sdk/node';

import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import type { Context } from '../cli/context.js';
import { guardInterrupts } from '../cli/interrupt-guard.js';
import { usageError } from '../errors/usage-error.js';
import { choiceOption } from '../cli/option-readers.js';
import type { MasterKeyMethod } from '../config/cli-config.js';
import { defaultConfig, saveConfig, storageDirectory } from '../config/config-file.js';
import { kdfParamsOf } from '../config/kdf-params.js';
import {
  SECURITY_LEVEL_PARAMS,
  SECURITY_LEVELS,
  type SecurityLevel,
} from '../config/security-levels.js';
import { hasStoredKey, inspectSetup, type SetupInspection } from '../config/setup-state.js';

export const command = defineCommand('init', {
  usage:
    'init [--method random|passphrase] [--security-level interactive|balanced|sensitive] [--force]',
  description: [
    'Asks for the passphrase first (on a terminal twice, and again if weak or mistyped, three',
    'tries), then stores a master key under the id "master", encrypted with it, in the key',
    'directory (~/.datafold/keys or DATAFOLD_CRYPTO_STORAGE, mode 0700), and writes the',
    'configuration (~/.datafold/config.json or DATAFOLD_CONFIG_PATH) last: a setup is complete or',
    'absent, and a failure or Ctrl-C on the way takes back what was written. The master key is',
    'what derive-key and rotate-key --method rederive derive from. --method random draws it from',
    'the OS CSPRNG;',
    '--method passphrase derives it from the passphrase with Argon2id and a random salt (kept in',
    "the key's metadata), so passphrase and salt together can recreate it.",
    'Security levels set the Argon2id cost of every key file and backup written afterwards:',
    ...SECURITY_LEVELS.map((l) => {
      const p = SECURITY_LEVEL_PARAMS[l];
      return `  ${l.padEnd(12)} m=${p.memory} KiB, t=${p.iterations}, p=${p.parallelism}`;
    }),
  ].join('\n'),
  options: {
    method: {
      type: 'string',
      value: 'METHOD',
      help: 'random (default) or passphrase',
      choices: ['random', 'passphrase'],
    },
    'security-level': {
      type: 'string',
      value: 'LEVEL',
      help: 'interactive, balanced (default) or sensitive',
      choices: SECURITY_LEVELS,
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
    const found = await inspectSetup(ctx.configPath, ctx.env);
    if (found.state !== 'none' && options.force !== true) throw alreadySetUp(ctx, found);
    const config = defaultConfig(level, method);
    const directory = storageDirectory(ctx.env, config);
    const masterId = config.crypto.master_key_id;
    const keep = hasStoredKey(directory, masterId);
    // 1. The passphrase first, asked again on a terminal when weak or mistyped: nothing is
    //    written until it is accepted.
    const passphrase = keep
      ? undefined
      : await ctx.passphrase.getNew('Passphrase for the master key and new keys');
    const createdDirectories = [dirname(ctx.configPath), directory].filter((d) => !existsSync(d));
    const { createFileKeyStorage } = await import('@datafold/js-sdk/node');
    const storage = createFileKeyStorage({ directory, kdfParams: kdfParamsOf(config) });
    let created = false;
    let masterPublic: Uint8Array | undefined;
    // 2. The master key, then the configuration, whose presence means "initialised". A failure
    //    or Ctrl-C before the configuration is written takes the master key back out.
    await guardInterrupts(
      async (guard) => {
        if (passphrase !== undefined) {
          masterPublic = await storeMasterKey(ctx, storage, masterId, passphrase, method, level);
          created = true;
        } else {
          masterPublic = (await storage.listKeys()).find((k) => k.keyId === masterId)?.publicKey;
        }
        guard.check();
        await saveConfig(ctx.configPath, config);
      },
      async () => {
        if (created) await storage.deleteKey(masterId).catch(() => undefined);
        for (const d of [...createdDirectories].reverse()) {
          await rmdir(d).catch(() => undefined); // only if empty: nothing of anyone else goes
        }
      },
    );
    ctx.reloadConfig();
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
    return EXIT.SUCCESS;
  },
});

/** The usage error for init on an existing setup, saying how to go on from the state found. */
function alreadySetUp(ctx: Context, found: SetupInspection): Error {
  switch (found.state) {
    case 'incomplete':
      return usageError(
        `${ctx.configPath} exists but the master key "${found.masterKeyId}" is not in ${found.directory} (a hand-written configuration, or an interrupted setup): run datafold_cli crypto init --force to create it; other keys are kept`,
      );
    case 'invalid':
      return usageError(
        `${ctx.configPath} cannot be read (${found.problem ?? 'invalid'}): fix it, or run datafold_cli crypto init --force to write a new one; keys are kept`,
      );
    default:
      return usageError(
        `Crypto is already set up (${ctx.configPath}, keys in ${found.directory}); nothing was changed. To change the cost of new keys: datafold_cli crypto config set security_level LEVEL; to write a fresh configuration: init --force (keys are kept)`,
      );
  }
}

/** Makes and stores the master key (spec/key-file-v1.md); returns its public key. */
async function storeMasterKey(
  ctx: Context,
  storage: FileKeyStorage,
  masterId: string,
  passphrase: string,
  method: MasterKeyMethod,
  level: SecurityLevel,
): Promise<Uint8Array> {
  ctx.debug('cli.init', { step: 'storing the master key', directory: storage.directory });
  const progress = ctx.out.progress('Deriving the key-file key (Argon2id)');
  const metadata: Record<string, unknown> = { name: 'DataFold CLI master key', master: { method } };
  let pair: Ed25519KeyPair;
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
  wipe(pair.privateKey);
  return pair.publicKey;
}
