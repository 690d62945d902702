import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js';
import { keyPairFromSeed } from '../../src/keys/key-pair-from-seed.js';
import {
  assertClientId,
  assertStatementNonce,
  canonicalStatement,
  parseStatementReason,
  parseStatementTimestamp,
  signStatement,
  STATEMENT_FIELD_PATTERNS,
  type StatementFields,
} from '../../src/server-client/signed-statement.js';

interface StatementVector {
  fields: {
    action: StatementFields['action'];
    client_id: string;
    public_key: string;
    new_public_key?: string;
    reason?: string;
    timestamp: string;
    nonce: string;
  };
  statement_hex: string;
  signer_seed: string;
  signature: string;
  new_key_seed?: string;
  new_key_signature?: string;
}

const DIR = new URL('../../../../vectors/statements/', import.meta.url);
const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && f !== 'invalid-fields.json')
  .map((f) => [f, JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as StatementVector] as const);

describe('signed statements (vectors/statements)', () => {
  it.each(cases)('%s: canonical bytes and signatures match', async (_name, vector) => {
    const f = vector.fields;
    const fields: StatementFields = {
      action: f.action,
      clientId: f.client_id,
      publicKey: f.public_key,
      ...(f.new_public_key === undefined ? {} : { newPublicKey: f.new_public_key }),
      ...(f.reason === undefined ? {} : { reason: f.reason }),
      timestamp: f.timestamp,
      nonce: f.nonce,
    };
    expect(bytesToHex(canonicalStatement(fields))).toBe(vector.statement_hex);
    const signer = await keyPairFromSeed(hexToBytes(vector.signer_seed));
    expect(await signStatement(fields, signer.privateKey)).toBe(vector.signature);
    if (vector.new_key_seed !== undefined) {
      const next = await keyPairFromSeed(hexToBytes(vector.new_key_seed));
      expect(await signStatement(fields, next.privateKey)).toBe(vector.new_key_signature);
    }
  });
});

describe('statement field rules (spec/http-statements.md §2), shared with the server', () => {
  const code = (fn: () => unknown) => {
    try {
      fn();
      return 'ok';
    } catch (error) {
      return (error as { code: string }).code;
    }
  };

  it('client ids: 1-128 of A-Z a-z 0-9 . _ - :, named by the caller', () => {
    expect(code(() => assertClientId('a.b_c-d:9'))).toBe('ok');
    expect(code(() => assertClientId('c'.repeat(128)))).toBe('ok');
    expect(code(() => assertClientId('c'.repeat(129)))).toBe('INVALID_CLIENT_ID');
    expect(code(() => assertClientId('has space'))).toBe('INVALID_CLIENT_ID');
    expect(() => assertClientId('', 'client_id')).toThrow('client_id is required');
    expect(new RegExp(STATEMENT_FIELD_PATTERNS.clientId).test('c'.repeat(129))).toBe(false);
  });

  it('timestamps as toISOString writes them, real dates only', () => {
    expect(parseStatementTimestamp('2026-11-22T09:30:27.835Z')).toBe(
      Date.parse('2026-11-22T09:30:27.835Z'),
    );
    for (const bad of [
      '2026-11-22T09:30:27Z',
      '2026-02-30T00:00:00.000Z',
      '2026-11-22 09:30:27.835Z',
      5,
    ]) {
      expect(code(() => parseStatementTimestamp(bad))).toBe('INVALID_STATEMENT');
    }
  });

  it('nonces of 16 to 32 bytes in lowercase hex', () => {
    expect(code(() => assertStatementNonce('ab'.repeat(16)))).toBe('ok');
    expect(code(() => assertStatementNonce('ab'.repeat(32)))).toBe('ok');
    for (const bad of ['ab'.repeat(15), 'AB'.repeat(16), 'ab'.repeat(33)]) {
      expect(code(() => assertStatementNonce(bad))).toBe('INVALID_STATEMENT');
    }
  });

  it('reasons: up to 256 code points without control characters; lone surrogates become U+FFFD', () => {
    expect(parseStatementReason(undefined)).toBe('');
    expect(parseStatementReason('😀'.repeat(256))).toBe('😀'.repeat(256));
    expect(parseStatementReason('half \ud800')).toBe('half \ufffd');
    expect(code(() => parseStatementReason('x'.repeat(257)))).toBe('INVALID_STATEMENT');
    expect(code(() => parseStatementReason('two\nlines'))).toBe('INVALID_STATEMENT');
  });
});
