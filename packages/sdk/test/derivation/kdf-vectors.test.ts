import { beforeAll, describe, expect, it } from 'vitest';
import { argon2id } from '../../src/derivation/argon2id.js';
import { deriveEd25519KeyPair } from '../../src/derivation/derive-ed25519-key-pair.js';
import { deriveKey } from '../../src/derivation/derive-key.js';
import { hkdf } from '../../src/derivation/hkdf.js';
import { pbkdf2 } from '../../src/derivation/pbkdf2.js';
import { scrypt } from '../../src/derivation/scrypt.js';
import { runKdfVectors } from '../vectors/kdf-vectors.js';
import type { VectorResult } from '../vectors/vector-result.js';
import { loadKdfVectors } from './load-kdf-vectors.js';

let results: VectorResult[];

beforeAll(async () => {
  results = await runKdfVectors(
    { hkdf, pbkdf2, scrypt, argon2id, deriveKey, deriveEd25519KeyPair },
    loadKdfVectors(),
  );
});

// Counts pin the suite: a case silently dropped from a file or the runner fails here.
const EXPECTED_COUNTS: Record<string, number> = {
  'hkdf-sha256': 3,
  'pbkdf2-sha256': 7,
  scrypt: 3,
  // 9 cases, plus the 2 cheap reference cases run again through the pure-JS engine.
  argon2id: 11,
  // 2 master keys × 4 contexts × 5 checks.
  'derivation-contexts': 40,
};

describe('KDF vectors in Node', () => {
  for (const [suite, count] of Object.entries(EXPECTED_COUNTS)) {
    it(`${suite}: every case matches`, () => {
      const mine = results.filter((r) => r.suite === suite);
      expect(mine.filter((r) => !r.ok)).toEqual([]);
      expect(mine).toHaveLength(count);
    });
  }

  it('reports a wrong expected value as a failed case, not a pass', async () => {
    const vectors = loadKdfVectors();
    const file = vectors.hkdfSha256 as { cases: Record<string, unknown>[] };
    const first = file.cases[0]!;
    const tampered = { ...file, cases: [{ ...first, okm: '00'.repeat(42) }] };
    const out = await runKdfVectors(
      { hkdf, pbkdf2, scrypt, argon2id, deriveKey, deriveEd25519KeyPair },
      { hkdfSha256: tampered },
    );
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ suite: 'hkdf-sha256', ok: false });
    expect(out[0]?.detail).toContain('expected 0000');
  });
});
