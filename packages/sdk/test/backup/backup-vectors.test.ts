import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

import {
  OUTPUT as BACKUP_OUTPUT,
  buildBackupVectors,
  renderBackupVectors,
} from '../../../../vectors/backup/generate.mjs';
import {
  OUTPUT as KEY_FILE_OUTPUT,
  buildKeyFileVectors,
  renderKeyFileVectors,
} from '../../../../vectors/key-file/generate.mjs';
import { aeadEncrypt } from '../../src/sealing/aead.js';
import { restoreBackup } from '../../src/backup/restore-backup.js';
import { sealBackup } from '../../src/backup/seal-backup.js';
import { validateBackupFormat } from '../../src/backup/validate-backup-format.js';
import { base64ToBytes, bytesToBase64 } from '../../src/encoding/base64.js';
import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js';
import { utf8ToBytes } from '../../src/encoding/utf8.js';
import { keyFileAssociatedData } from '../../src/key-file/associated-data.js';
import { decodeKeyFile } from '../../src/key-file/decode-key-file.js';
import { deriveKeyFileKey, sealKeyFile } from '../../src/key-file/encode-key-file.js';
import { keyPairFromSeed } from '../../src/keys/key-pair-from-seed.js';
import { runBackupVectors } from '../vectors/backup-vectors.js';

const helpers = {
  keyPairFromSeed,
  bytesToHex,
  hexToBytes,
  bytesToBase64,
  base64ToBytes,
  utf8ToBytes,
};

describe('backup and key file vectors', () => {
  it('regenerate from the sources to exactly the committed files', async () => {
    const backup = renderBackupVectors(await buildBackupVectors({ ...helpers, sealBackup }));
    expect(backup).toBe(await readFile(BACKUP_OUTPUT, 'utf8'));
    const keyFile = renderKeyFileVectors(
      await buildKeyFileVectors({
        ...helpers,
        deriveKeyFileKey,
        sealKeyFile,
        keyFileAssociatedData,
        aeadEncrypt,
      }),
    );
    expect(keyFile).toBe(await readFile(KEY_FILE_OUTPUT, 'utf8'));
  });

  it('pass: every case gives its expected outcome', async () => {
    const vectors = {
      backup: JSON.parse(await readFile(BACKUP_OUTPUT, 'utf8')) as unknown,
      keyFile: JSON.parse(await readFile(KEY_FILE_OUTPUT, 'utf8')) as unknown,
    };
    const results = await runBackupVectors(
      { restoreBackup, validateBackupFormat, decodeKeyFile },
      vectors,
    );
    expect(results.length).toBeGreaterThan(80);
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it('report, not hide, a case whose outcome differs', async () => {
    const backup = JSON.parse(await readFile(BACKUP_OUTPUT, 'utf8')) as {
      cases: Record<string, unknown>[];
    };
    const wrongCode = {
      ...backup.cases.find((c) => c['name'] === 'flipped-nonce')!,
      expected: { outcome: 'error', code: 'INVALID_BACKUP_JSON' },
    };
    const wrongSeed = {
      ...backup.cases[0]!,
      expected: { outcome: 'ok', seed_hex: '00', public_key_hex: '00' },
    };
    const results = await runBackupVectors(
      { restoreBackup, validateBackupFormat, decodeKeyFile },
      { backup: { cases: [wrongCode, wrongSeed] } },
    );
    expect(results.map((r) => r.ok)).toEqual([false, false]);
    expect(results[0]?.detail).toContain('got DECRYPTION_FAILED');
  });
});
