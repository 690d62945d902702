import {
  bytesToHex,
  createBackup,
  deriveEd25519KeyPair,
  formatKey,
  generateKeyPair,
  hexToBytes,
  keyPairFromSeed,
  parseKey,
  restoreBackup,
  sign,
  verify,
  type BackupCipher,
  type BackupKdf,
} from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { EXIT } from '../cli/exit-codes.js';

// RFC 8032 §7.1, TEST 2 (one-byte message 0x72).
const RFC8032 = {
  seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
  publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
  message: '72',
  signature:
    '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
};

// spec/derivation-v1.md §5 with RFC 8032's seed as master: a fixed answer, checked below
// against a fresh computation only for determinism (the vector files hold the cross-checks).
interface Check {
  name: string;
  run: () => Promise<void>;
}

/** How a check went. */
interface CheckResult {
  name: string;
  passed: boolean;
  ms: number;
  error: string | null;
}

function expect(condition: boolean, what: string): void {
  if (!condition) throw new Error(what);
}

function basicChecks(): Check[] {
  return [
    {
      name: 'Ed25519 RFC 8032 §7.1 test 2: key, signature, verification',
      run: async () => {
        const pair = await keyPairFromSeed(hexToBytes(RFC8032.seed));
        expect(
          bytesToHex(pair.publicKey) === RFC8032.publicKey,
          'public key differs from RFC 8032',
        );
        const sig = await sign(hexToBytes(RFC8032.message), pair.privateKey);
        expect(bytesToHex(sig) === RFC8032.signature, 'signature differs from RFC 8032');
        expect(
          await verify(sig, hexToBytes(RFC8032.message), pair.publicKey),
          'valid signature rejected',
        );
        const bad = sig.slice();
        bad[0]! ^= 1;
        expect(
          !(await verify(bad, hexToBytes(RFC8032.message), pair.publicKey)),
          'altered signature accepted',
        );
      },
    },
    {
      name: 'Strict verification: small-order public key rejected',
      run: async () => {
        const identity = new Uint8Array(32);
        identity[0] = 1; // the neutral point, order 1
        expect(
          !(await verify(new Uint8Array(64), new Uint8Array(0), identity)),
          'small-order key accepted',
        );
      },
    },
    {
      name: 'Key generation: fresh, valid and distinct',
      run: async () => {
        const a = await generateKeyPair();
        const b = await generateKeyPair();
        expect(bytesToHex(a.publicKey) !== bytesToHex(b.publicKey), 'two generated keys are equal');
        const sig = await sign('self-test', a.privateKey);
        expect(await verify(sig, 'self-test', a.publicKey), 'generated key does not verify');
      },
    },
    {
      name: 'Formats: hex, base64, PEM and JWK round trips',
      run: async () => {
        const pair = await keyPairFromSeed(hexToBytes(RFC8032.seed));
        for (const format of ['hex', 'base64', 'pem', 'jwk'] as const) {
          const text = formatKey(pair.publicKey, format, { keyType: 'public' });
          expect(
            bytesToHex(parseKey(text, format, { keyType: 'public' })) === RFC8032.publicKey,
            `${format} round trip failed`,
          );
        }
      },
    },
    {
      name: 'Derivation: deterministic Ed25519 key pair per context',
      run: async () => {
        const master = hexToBytes(RFC8032.seed);
        const a = await deriveEd25519KeyPair(master, 'SIGNING');
        const b = await deriveEd25519KeyPair(master, 'SIGNING');
        const c = await deriveEd25519KeyPair(master, 'DATA_ENCRYPTION');
        expect(
          bytesToHex(a.publicKey) === bytesToHex(b.publicKey),
          'derivation is not deterministic',
        );
        expect(bytesToHex(a.publicKey) !== bytesToHex(c.publicKey), 'contexts are not separated');
      },
    },
  ];
}

function backupCheck(kdf: BackupKdf, encryption: BackupCipher): Check {
  return {
    name: `Backup v1 round trip: ${kdf} + ${encryption}, wrong passphrase refused`,
    run: async () => {
      const pair = await keyPairFromSeed(hexToBytes(RFC8032.seed));
      const kdfParams =
        kdf === 'argon2id'
          ? { memory: 19456, iterations: 2, parallelism: 1 }
          : kdf === 'scrypt'
            ? { n: 32768, r: 8, p: 1 }
            : { iterations: 100000 };
      const text = await createBackup(pair, 'self-test passphrase 1', {
        keyId: 'self-test',
        kdf,
        encryption,
        kdfParams,
      });
      const back = await restoreBackup(text, 'self-test passphrase 1');
      expect(bytesToHex(back.keyPair.publicKey) === RFC8032.publicKey, 'restored key differs');
      const refused = await restoreBackup(text, 'self-test passphrase 2').then(
        () => false,
        (e: { code?: string }) => e.code === 'DECRYPTION_FAILED',
      );
      expect(refused, 'wrong passphrase was not DECRYPTION_FAILED');
    },
  };
}

/** --comprehensive: a key-file-v1 store in a temporary directory, written, read and deleted. */
function keyFileStoreCheck(): Check {
  return {
    name: 'Key file v1 store: store, list, retrieve, rotate-ready versions, delete (temp dir)',
    run: async () => {
      const { mkdtemp, rm } = await import('node:fs/promises');
      const { tmpdir } = await import('node:os');
      const path = await import('node:path');
      const join = (...parts: string[]) => path.join(...parts);
      const { createFileKeyStorage } = await import('@datafold/js-sdk/node');
      const dir = await mkdtemp(join(tmpdir(), 'datafold-self-test-'));
      try {
        const storage = createFileKeyStorage({
          directory: join(dir, 'keys'),
          kdfParams: { memory: 19456, iterations: 2, parallelism: 1 },
        });
        const pair = await keyPairFromSeed(hexToBytes(RFC8032.seed));
        await storage.storeKeyPair('self-test', pair, 'self-test passphrase 1');
        await storage.storeKeyVersion(
          'self-test',
          await generateKeyPair(),
          'self-test passphrase 1',
        );
        const v1 = await storage.retrieveKeyVersion('self-test', 1, 'self-test passphrase 1');
        expect(bytesToHex(v1.publicKey) === RFC8032.publicKey, 'stored key differs');
        expect((await storage.listVersions('self-test')).length === 2, 'versions lost');
        expect(await storage.deleteKey('self-test'), 'delete failed');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Runs every check, in turn, timing each: a failure is recorded and the next one runs. */
async function runChecks(ctx: Context, checks: Check[]): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const progress = ctx.out.progress('Self-test');
  for (const [i, check] of checks.entries()) {
    progress.update(`${i + 1}/${checks.length} ${check.name}`);
    const started = performance.now();
    try {
      await check.run();
      results.push({
        name: check.name,
        passed: true,
        ms: performance.now() - started,
        error: null,
      });
    } catch (error) {
      results.push({
        name: check.name,
        passed: false,
        ms: performance.now() - started,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  progress.done();
  return results;
}

export const command = defineCommand('self-test', {
  usage: 'self-test [--comprehensive] [--performance]',
  description: [
    'Runs known-answer and round-trip checks: RFC 8032 vectors, strict verification, key',
    'generation, formats, derivation, and a backup round trip. --comprehensive adds every backup',
    'KDF and cipher and a key-file store round trip in a temporary directory; --performance adds',
    'timings. Exit 0 when every check passes, 1 otherwise.',
  ].join('\n'),
  options: {
    comprehensive: { type: 'boolean', help: 'all backup KDFs and ciphers, and the key-file store' },
    performance: { type: 'boolean', help: 'time each check' },
  },
  examples: [
    'datafold_cli crypto self-test',
    'datafold_cli crypto self-test --comprehensive --performance --json',
  ],
  async run(ctx, options) {
    const checks = basicChecks();
    checks.push(backupCheck('argon2id', 'xchacha20-poly1305'));
    if (options.comprehensive === true) {
      for (const kdf of ['argon2id', 'scrypt', 'pbkdf2'] as const) {
        for (const enc of ['xchacha20-poly1305', 'chacha20-poly1305', 'aes-gcm'] as const) {
          if (kdf !== 'argon2id' || enc !== 'xchacha20-poly1305')
            checks.push(backupCheck(kdf, enc));
        }
      }
      checks.push(keyFileStoreCheck());
    }
    const results = await runChecks(ctx, checks);
    const failed = results.filter((r) => !r.passed).length;
    const perf = options.performance === true;
    ctx.out.result(
      {
        passed: failed === 0,
        total: results.length,
        failed,
        checks: results.map((r) => ({
          name: r.name,
          passed: r.passed,
          error: r.error,
          ...(perf ? { ms: Number(r.ms.toFixed(2)) } : {}),
        })),
      },
      [
        ...results.map(
          (r) =>
            `${r.passed ? ctx.out.style('ok  ', 'green') : ctx.out.style('FAIL', 'red')}  ${r.name}${perf ? `  (${r.ms.toFixed(1)} ms)` : ''}${r.error ? `: ${r.error}` : ''}`,
        ),
        failed === 0
          ? `All ${results.length} checks passed`
          : `${failed} of ${results.length} checks failed`,
      ],
    );
    return failed > 0 ? EXIT.GENERAL : EXIT.SUCCESS;
  },
});
