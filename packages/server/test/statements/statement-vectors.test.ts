import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyEd25519 } from '../../src/domain/ed25519.js';
import { canonicalStatement, type StatementFields } from '@datafold/js-sdk';
import { newKey, signBytes } from '../helpers/keys.js';
import { sqliteStorage, startTestServer } from '../helpers/test-server.js';

const VECTORS = fileURLToPath(new URL('../../../../vectors/statements/', import.meta.url));

interface Vector {
  signer_seed: string;
  signer_public_key: string;
  fields: Record<string, string>;
  statement_hex: string;
  signature: string;
  new_key_seed?: string;
  new_key_signature?: string;
}

const files = readdirSync(VECTORS).filter(
  (f) => f.endsWith('.json') && f !== 'invalid-fields.json',
);
const load = (file: string) => JSON.parse(readFileSync(join(VECTORS, file), 'utf8')) as Vector;

function toFields(f: Record<string, string>): StatementFields {
  return {
    action: f.action as StatementFields['action'],
    clientId: f.client_id!,
    publicKey: f.public_key!,
    ...(f.new_public_key ? { newPublicKey: f.new_public_key } : {}),
    ...(f.reason !== undefined ? { reason: f.reason } : {}),
    timestamp: f.timestamp!,
    nonce: f.nonce!,
  };
}

describe('signed statement vectors (vectors/statements)', () => {
  const out = mkdtempSync(join(tmpdir(), 'datafold-vectors-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('are exactly what generate.mjs produces', () => {
    execFileSync(process.execPath, [join(VECTORS, 'generate.mjs'), '--out', out]);
    const committed = readdirSync(VECTORS)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(readdirSync(out).sort()).toEqual(committed);
    for (const file of committed) {
      expect(readFileSync(join(out, file), 'utf8'), file).toBe(
        readFileSync(join(VECTORS, file), 'utf8'),
      );
    }
  });

  it.each(files)('%s: the server builds the same bytes and the signatures verify', (file) => {
    const v = load(file);
    const bytes = canonicalStatement(toFields(v.fields));
    expect(Buffer.from(bytes).toString('hex')).toBe(v.statement_hex);
    expect(
      verifyEd25519(
        Buffer.from(v.signature, 'hex'),
        bytes,
        Buffer.from(v.signer_public_key, 'hex'),
      ),
    ).toBe(true);
    if (v.new_key_signature) {
      const next = newKey(Buffer.from(v.new_key_seed!, 'hex'));
      expect(verifyEd25519(Buffer.from(v.new_key_signature, 'hex'), bytes, next.publicKey)).toBe(
        true,
      );
    }
  });

  it.each(files)('%s: the server accepts it over HTTP at its timestamp', async (file) => {
    const v = load(file);
    const f = v.fields;
    const server = await startTestServer(
      sqliteStorage,
      { requireProof: true },
      { now: () => Date.parse(f.timestamp!) },
    );
    try {
      const post = (url: string, payload: object) => server.json({ method: 'POST', url, payload });
      const proof = { signature: v.signature, timestamp: f.timestamp, nonce: f.nonce };
      if (f.action === 'register') {
        const res = await post('/api/crypto/keys/register', {
          ...(f.client_id ? { client_id: f.client_id } : {}),
          public_key: f.public_key,
          proof,
        });
        expect(res.status).toBe(201);
        return;
      }
      // Register the signer first with a proof of its own (this server requires one).
      const own = {
        action: 'register' as const,
        clientId: f.client_id!,
        publicKey: f.public_key!,
        timestamp: f.timestamp!,
        nonce: 'ab'.repeat(16),
      };
      const signer = newKey(Buffer.from(v.signer_seed, 'hex'));
      const reg = await post('/api/crypto/keys/register', {
        client_id: f.client_id,
        public_key: f.public_key,
        proof: {
          signature: signBytes(signer, canonicalStatement(own)),
          timestamp: f.timestamp,
          nonce: own.nonce,
        },
      });
      expect(reg.status).toBe(201);
      const body = {
        client_id: f.client_id,
        reason: f.reason,
        timestamp: f.timestamp,
        nonce: f.nonce,
        signature: v.signature,
        new_public_key: f.new_public_key,
        new_key_signature: v.new_key_signature,
      };
      const res = await post(`/api/crypto/keys/${f.action}`, body);
      expect(res.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('invalid-fields.json: each value is refused with its code', async () => {
    const v = load('revoke.json');
    const invalid = JSON.parse(readFileSync(join(VECTORS, 'invalid-fields.json'), 'utf8')) as {
      cases: Array<{ field: string; value: string; code: string }>;
    };
    const server = await startTestServer(
      sqliteStorage,
      {},
      { now: () => Date.parse(v.fields.timestamp!) },
    );
    try {
      for (const c of invalid.cases) {
        const body = { ...v.fields, signature: v.signature, [c.field]: c.value };
        const res = await server.json({
          method: 'POST',
          url: '/api/crypto/keys/revoke',
          payload: body,
        });
        expect(res.error().code, `${c.field}=${JSON.stringify(c.value)}`).toBe(c.code);
      }
    } finally {
      await server.close();
    }
  });
});
