import { describe, expect, it } from 'vitest';
import { runEd25519Vectors } from '../vectors/ed25519-vectors.js';
import { loadEd25519Vectors } from './load-vectors.js';
import { sdk } from './sdk-namespace.js';

const vectors = loadEd25519Vectors();
const results = await runEd25519Vectors(sdk, vectors);

describe('Ed25519 vectors (RFC 8032, speccheck, our edge cases, PEM/JWK) on every backend', () => {
  it('runs both backends in Node', () => {
    expect(results.filter((r) => r.suite.startsWith('rfc8032/')).map((r) => r.suite)).toEqual(
      expect.arrayContaining(['rfc8032/webcrypto', 'rfc8032/noble']),
    );
    expect(
      results.some((r) => r.suite === 'backends-agree' && r.name.startsWith('speccheck')),
    ).toBe(true);
  });

  it('covers every case of every file', () => {
    for (const backend of ['webcrypto', 'noble']) {
      const edge = results.filter((r) => r.suite === `edge-cases/${backend}`);
      expect(edge).toHaveLength(vectors.edgeCases.cases.length + 1); // + the verifyBatch check
    }
  });

  it.each(results.map((r) => [`${r.suite}: ${r.name}`, r] as const))('%s', (_, result) => {
    expect(result.detail ?? '').toBe('');
    expect(result.ok).toBe(true);
  });
});
