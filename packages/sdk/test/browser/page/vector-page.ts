// The shared vector suites, bundled into a page: the same runners and the same JSON files the
// Node tests use, run against the SDK's sources compiled for the browser.
import * as sdk from '../../../src/index.js';
import { restoreBackup, validateBackupFormat } from '../../../src/backup/index.js';
import { argon2id } from '../../../src/derivation/argon2id.js';
import { hkdf } from '../../../src/derivation/hkdf.js';
import { pbkdf2 } from '../../../src/derivation/pbkdf2.js';
import { scrypt } from '../../../src/derivation/scrypt.js';
import { decodeKeyFile } from '../../../src/key-file/index.js';
import { runBackupVectors } from '../../vectors/backup-vectors.js';
import { runEd25519Vectors } from '../../vectors/ed25519-vectors.js';
import { runFingerprintVectors } from '../../vectors/fingerprint-vectors.js';
import { runKdfVectors } from '../../vectors/kdf-vectors.js';
import type { VectorResult } from '../../vectors/vector-result.js';
import backupV1 from '../../../../../vectors/backup/backup-v1.json' with { type: 'json' };
import edgeCases from '../../../../../vectors/ed25519/edge-cases.json' with { type: 'json' };
import pemJwk from '../../../../../vectors/ed25519/pem-jwk.json' with { type: 'json' };
import rfc8032 from '../../../../../vectors/ed25519/rfc8032.json' with { type: 'json' };
import keyFingerprintV1 from '../../../../../vectors/fingerprint/key-fingerprint-v1.json' with { type: 'json' };
import keyFileV1 from '../../../../../vectors/key-file/key-file-v1.json' with { type: 'json' };
import argon2idVectors from '../../../../../vectors/kdf/argon2id.json' with { type: 'json' };
import derivationContexts from '../../../../../vectors/kdf/derivation-contexts.json' with { type: 'json' };
import hkdfSha256 from '../../../../../vectors/kdf/hkdf-sha256.json' with { type: 'json' };
import pbkdf2Sha256 from '../../../../../vectors/kdf/pbkdf2-sha256.json' with { type: 'json' };
import scryptVectors from '../../../../../vectors/kdf/scrypt.json' with { type: 'json' };

type Suite = 'ed25519' | 'kdf' | 'backup' | 'fingerprint';

async function runVectorSuite(suite: Suite): Promise<VectorResult[]> {
  switch (suite) {
    case 'ed25519':
      return runEd25519Vectors(sdk, {
        rfc8032: rfc8032,
        edgeCases: edgeCases as never,
        pemJwk: pemJwk as never,
      });
    case 'kdf':
      return runKdfVectors(
        {
          hkdf,
          pbkdf2,
          scrypt,
          argon2id,
          deriveKey: sdk.deriveKey,
          deriveEd25519KeyPair: sdk.deriveEd25519KeyPair,
        },
        {
          hkdfSha256,
          pbkdf2Sha256,
          scrypt: scryptVectors,
          argon2id: argon2idVectors,
          derivationContexts,
        },
      );
    case 'backup':
      return runBackupVectors(
        { restoreBackup, validateBackupFormat, decodeKeyFile },
        { backup: backupV1, keyFile: keyFileV1 },
      );
    case 'fingerprint':
      // Pure JS by design: no WebCrypto, so it must also work where crypto.subtle is missing.
      return runFingerprintVectors(sdk, keyFingerprintV1);
  }
}

(globalThis as Record<string, unknown>).runVectorSuite = runVectorSuite;
