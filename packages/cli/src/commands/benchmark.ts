import {
  createBackup,
  generateKeyPair,
  keyPairFromSeed,
  restoreBackup,
  sign,
  verify,
} from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import { usageError } from '../errors/usage-error.js';
import { integerOption } from '../cli/option-readers.js';
import { kdfParamsOf } from '../config/kdf-params.js';
import { SECURITY_LEVEL_PARAMS } from '../config/security-levels.js';

const OPERATIONS = ['keygen', 'sign', 'verify', 'backup', 'restore', 'kdf'] as const;
type Operation = (typeof OPERATIONS)[number];

export const command = defineCommand('benchmark', {
  usage: 'benchmark [--operations keygen,sign,verify,backup,restore,kdf] [--iterations N]',
  description: [
    'Times each operation N times in this process and reports mean, median and operations per',
    'second. backup, restore and kdf use the configured security level (balanced before init),',
    "so they show what a key-file or backup operation costs here. Progress on a terminal's stderr.",
  ].join('\n'),
  options: {
    operations: {
      type: 'string',
      value: 'OPS',
      help: `comma-separated: ${OPERATIONS.join(', ')} (default keygen,sign,verify)`,
    },
    iterations: {
      type: 'string',
      value: 'N',
      help: 'runs per operation (default 100; 3 for KDF-bound ones)',
    },
  },
  examples: [
    'datafold_cli crypto benchmark',
    'datafold_cli crypto benchmark --operations sign,verify --iterations 1000 --json',
  ],
  async run(ctx, options) {
    const raw = typeof options.operations === 'string' ? options.operations : 'keygen,sign,verify';
    const ops = raw
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    for (const op of ops)
      if (!(OPERATIONS as readonly string[]).includes(op))
        throw usageError(`unknown operation "${op}"; choose from ${OPERATIONS.join(', ')}`);
    const config = await ctx.loadConfig();
    const kdfParams = config ? kdfParamsOf(config) : { ...SECURITY_LEVEL_PARAMS.balanced };
    const pair = await keyPairFromSeed(new Uint8Array(32).fill(7));
    const message = new Uint8Array(64).fill(1);
    const signature = await sign(message, pair.privateKey);
    const backup = await createBackup(pair, 'benchmark passphrase', { keyId: 'bench', kdfParams });
    const work: Record<Operation, () => Promise<unknown>> = {
      keygen: () => generateKeyPair(),
      sign: () => sign(message, pair.privateKey),
      verify: () => verify(signature, message, pair.publicKey),
      backup: () => createBackup(pair, 'benchmark passphrase', { keyId: 'bench', kdfParams }),
      restore: () => restoreBackup(backup, 'benchmark passphrase'),
      kdf: async () => {
        const { deriveKey } = await import('@datafold/js-sdk');
        return deriveKey('benchmark passphrase', { algorithm: 'argon2id', ...kdfParams });
      },
    };
    const results = [];
    const progress = ctx.out.progress('Benchmark');
    for (const op of ops as Operation[]) {
      const heavy = op === 'backup' || op === 'restore' || op === 'kdf';
      const n = integerOption(options, 'iterations', heavy ? 3 : 100, 1, 1_000_000);
      await work[op](); // warm-up
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        if (i % Math.max(1, Math.floor(n / 20)) === 0) progress.update(`${op} ${i}/${n}`);
        const t = performance.now();
        await work[op]();
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const mean = times.reduce((a, b) => a + b, 0) / n;
      results.push({
        operation: op,
        iterations: n,
        mean_ms: Number(mean.toFixed(4)),
        median_ms: Number(times[Math.floor(n / 2)]!.toFixed(4)),
        ops_per_second: Number((1000 / mean).toFixed(1)),
      });
    }
    progress.done();
    ctx.out.result({ kdf_params: kdfParams, results }, [
      `${'operation'.padEnd(10)} ${'runs'.padStart(7)} ${'mean ms'.padStart(10)} ${'median ms'.padStart(10)} ${'ops/s'.padStart(10)}`,
      ...results.map(
        (r) =>
          `${r.operation.padEnd(10)} ${String(r.iterations).padStart(7)} ${r.mean_ms.toFixed(3).padStart(10)} ${r.median_ms.toFixed(3).padStart(10)} ${r.ops_per_second.toFixed(1).padStart(10)}`,
      ),
      `(Argon2id for backup/restore/kdf: m=${kdfParams.memory} KiB t=${kdfParams.iterations} p=${kdfParams.parallelism})`,
    ]);
    return EXIT.SUCCESS;
  },
});
