/// <reference types="node" />

import {
  bytesToBase64,
  bytesToHex,
  deriveEd25519KeyPair,
  deriveKey,
  DERIVATION_CONTEXTS,
  hexToBytes,
  resolveDerivationContext,
  keyPairFromSeed,
  StorageError,
  wipe,
  type Ed25519KeyPair,
} from '@datafold/js-sdk';

import type { FileKeyStorage } from '@datafold/js-sdk/node';

import { defineCommand, type OptionValues } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { EXIT } from '../cli/exit-codes.js';
import { keyIdOption } from '../cli/key-options.js';
import { unlockKey } from '../cli/unlock-key.js';
import { usageError } from '../errors/usage-error.js';
import {
  choiceOption,
  integerOption,
  optionalString,
  requireString,
} from '../cli/option-readers.js';
import type { CliConfig } from '../config/cli-config.js';

export const command = defineCommand('derive-key', {
  usage:
    'derive-key [--master-key-id ID] --context CONTEXT [--algorithm hkdf|pbkdf2] [--output-key-id ID] [--iterations N]',
  description: [
    'Derives from the private key of --master-key-id (default: the master key made by init).',
    'The context is the HKDF info exactly as the SDKs take it (spec/derivation-v1.md §2): the names',
    'DATA_ENCRYPTION, SIGNING and AUTHENTICATION, written exactly so, select',
    'datafold_data_encryption_v1, datafold_signing_v1 and datafold_auth_v1; any other text, such as',
    '"signing", is the info string itself, so the same master and context give the same key here',
    'and in every SDK.',
    'With --output-key-id the result is stored as a new Ed25519 key: for hkdf it is',
    'deriveEd25519KeyPair(master, context) (§5), reproducible in every SDK; for pbkdf2 the seed is',
    'PBKDF2-HMAC-SHA-256 over the master seed with a random salt, recorded in the metadata.',
    'Without it, the derived 32-byte key is printed with its salt and parameters.',
  ].join('\n'),
  options: {
    'master-key-id': {
      type: 'string',
      value: 'ID',
      help: 'the master key (default: config crypto.master_key_id)',
    },
    context: {
      type: 'string',
      value: 'CONTEXT',
      help: 'DATA_ENCRYPTION, SIGNING, AUTHENTICATION, or any text used as the info as is',
    },
    algorithm: {
      type: 'string',
      value: 'ALG',
      help: 'hkdf (default) or pbkdf2',
      choices: ['hkdf', 'pbkdf2'],
    },
    'output-key-id': {
      type: 'string',
      value: 'ID',
      help: 'store the derived key pair under this id',
    },
    iterations: {
      type: 'string',
      value: 'N',
      help: 'pbkdf2 iterations (default 600000, at least 100000)',
    },
    salt: {
      type: 'string',
      value: 'HEX',
      help: 'salt in hex (default: random; hkdf with --output-key-id: none)',
    },
    format: {
      type: 'string',
      value: 'FORMAT',
      help: 'printed key encoding: hex (default) or base64',
    },
    force: { type: 'boolean', help: 'replace a key stored under --output-key-id' },
  },
  examples: [
    'datafold_cli crypto derive-key --context DATA_ENCRYPTION',
    'datafold_cli crypto derive-key --master-key-id my-app-key --context SIGNING --output-key-id my-app-signing',
    'datafold_cli crypto derive-key --master-key-id my-app-key --context backups --algorithm pbkdf2 --iterations 600000',
  ],
  async run(ctx, options) {
    const plan = derivePlan(ctx, options, await ctx.requireConfig());
    const storage = await ctx.openStore();
    const { outputId } = plan;
    if (outputId !== undefined && !plan.force && (await storage.hasKey(outputId))) {
      throw new StorageError(
        'KEY_ALREADY_EXISTS',
        `A key is already stored under "${outputId}"; pass --force or choose another id`,
        { keyId: outputId },
      );
    }
    const master = await unlockKey(ctx, plan.masterId);
    try {
      if (outputId === undefined) await printDerivedKey(ctx, plan, master);
      else await storeDerivedKeyPair(ctx, storage, outputId, plan, master);
    } finally {
      wipe(master.keyPair.privateKey);
    }
    return EXIT.SUCCESS;
  },
});

/** What the options ask for, every one checked before any key is unlocked. */
interface DerivePlan {
  masterId: string;
  /** --context as given: the SDKs' context argument (spec/derivation-v1.md §2). */
  context: string;
  /** The HKDF info it stands for. */
  info: string;
  algorithm: 'hkdf' | 'pbkdf2';
  outputId: string | undefined;
  format: 'hex' | 'base64';
  /** PBKDF2's; undefined for HKDF. */
  iterations: number | undefined;
  salt: Uint8Array | undefined;
  force: boolean;
}

/** The master key unlocked, and its version. */
type Master = Awaited<ReturnType<typeof unlockKey>>;

function derivePlan(ctx: Context, options: OptionValues, config: CliConfig): DerivePlan {
  const masterId =
    optionalString(options, 'master-key-id') ?? config.crypto.master_key_id ?? 'master';
  keyIdOption({ 'master-key-id': masterId }, 'master-key-id');
  // Passed to the SDK as given: it maps the exact names (one rule, spec/derivation-v1.md §2).
  const context = requireString(options, 'context', '--context SIGNING');
  const info = resolveDerivationContext(context).context!;
  const named = Object.keys(DERIVATION_CONTEXTS).find(
    (name) => name !== context && name.toLowerCase() === context.toLowerCase().replace('-', '_'),
  );
  if (named !== undefined) {
    ctx.out.warn(
      `"${context}" is used as the HKDF info itself, as every SDK uses it; --context ${named} selects ${resolveDerivationContext(named).context!}`,
    );
  }
  const algorithm = choiceOption(options, 'algorithm', ['hkdf', 'pbkdf2'] as const, 'hkdf');
  const outputId =
    options['output-key-id'] === undefined ? undefined : keyIdOption(options, 'output-key-id');
  const format = choiceOption(options, 'format', ['hex', 'base64'] as const, 'hex');
  const iterations =
    algorithm === 'pbkdf2'
      ? integerOption(options, 'iterations', 600_000, 100_000, 5_000_000)
      : undefined;
  if (algorithm === 'hkdf' && options.iterations !== undefined)
    throw usageError('--iterations applies to --algorithm pbkdf2 only');
  let salt: Uint8Array | undefined;
  if (typeof options.salt === 'string') {
    try {
      salt = hexToBytes(options.salt);
    } catch {
      throw usageError('--salt must be hex');
    }
  }
  const force = options.force === true;
  return { masterId, context, info, algorithm, outputId, format, iterations, salt, force };
}

/** Without --output-key-id: the derived 32 bytes, with salt and parameters. */
async function printDerivedKey(ctx: Context, plan: DerivePlan, master: Master): Promise<void> {
  const { algorithm, context, salt } = plan;
  const derived = await deriveKey(master.keyPair.privateKey, {
    algorithm: algorithm === 'hkdf' ? 'HKDF' : 'PBKDF2',
    ...(algorithm === 'hkdf' ? { info: context } : { iterations: plan.iterations }),
    ...(salt === undefined ? {} : { salt }),
  });
  const encode = plan.format === 'hex' ? bytesToHex : bytesToBase64;
  const data = {
    master_key_id: plan.masterId,
    master_version: master.version,
    algorithm: derived.algorithm,
    context,
    info: plan.info,
    key: encode(derived.key),
    salt: bytesToHex(derived.salt),
    length: derived.length,
    hash: derived.hash ?? null,
    iterations: derived.iterations ?? null,
  };
  wipe(derived.key);
  ctx.out.result(
    data,
    ctx.out.stdoutIsTTY
      ? [`${derived.algorithm} key for ${context}: ${data.key}`, `  salt: ${data.salt}`]
      : data.key,
  );
}

/** Where a derived key pair came from, recorded in its (unauthenticated) metadata. */
type DerivedFrom = { master_key_id: string; master_version: number; context: string } & (
  | { algorithm: 'HKDF' }
  | { algorithm: 'PBKDF2'; iterations: number | undefined; salt: string; hash: 'SHA-256' }
);

/**
 * The Ed25519 key pair for the plan: for HKDF deriveEd25519KeyPair(master, context), the same
 * in every SDK (spec/derivation-v1.md §5); for PBKDF2 the seed from the master seed and a salt.
 */
async function deriveKeyPair(
  plan: DerivePlan,
  master: Master,
): Promise<{ pair: Ed25519KeyPair; derivedFrom: DerivedFrom }> {
  const from = {
    master_key_id: plan.masterId,
    master_version: master.version,
    context: plan.context,
  };
  if (plan.algorithm === 'hkdf') {
    const pair = await deriveEd25519KeyPair(master.keyPair.privateKey, plan.context);
    return { pair, derivedFrom: { ...from, algorithm: 'HKDF' } };
  }
  const salt = plan.salt ?? crypto.getRandomValues(new Uint8Array(32));
  const derived = await deriveKey(master.keyPair.privateKey, {
    algorithm: 'PBKDF2',
    iterations: plan.iterations,
    salt,
  });
  const pair = await keyPairFromSeed(derived.key);
  wipe(derived.key);
  const pbkdf2 = { iterations: plan.iterations, salt: bytesToHex(salt), hash: 'SHA-256' } as const;
  return { pair, derivedFrom: { ...from, algorithm: 'PBKDF2', ...pbkdf2 } };
}

/** With --output-key-id: the derived key pair, stored under a new passphrase. */
async function storeDerivedKeyPair(
  ctx: Context,
  storage: FileKeyStorage,
  outputId: string,
  plan: DerivePlan,
  master: Master,
): Promise<void> {
  const { pair, derivedFrom } = await deriveKeyPair(plan, master);
  try {
    const passphrase = await ctx.passphrase.getNew(`Passphrase for key "${outputId}"`);
    const progress = ctx.out.progress('Encrypting the derived key (Argon2id)');
    try {
      await storage.storeKeyPair(
        outputId,
        pair,
        passphrase,
        { created_by: 'datafold_cli', derived_from: derivedFrom },
        { overwrite: plan.force },
      );
    } finally {
      progress.done();
    }
    const publicKey = bytesToHex(pair.publicKey);
    ctx.out.result(
      { key_id: outputId, derived_from: derivedFrom, public_key: publicKey },
      `Derived "${outputId}" from "${plan.masterId}" for ${plan.context} (${derivedFrom.algorithm}); public key ${publicKey}`,
    );
  } finally {
    wipe(pair.privateKey);
  }
}
