import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js';
import { keyPairFromSeed } from '../../src/keys/key-pair-from-seed.js';
import {
  canonicalStatement,
  signStatement,
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
