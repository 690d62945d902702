import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderHttpSignatureVectors } from '../../../../vectors/http-signatures/generate.mjs';
import { base64ToBytes } from '../../src/encoding/base64.js';
import { hexToBytes } from '../../src/encoding/hex.js';
import { isDataFoldError } from '../../src/errors/datafold-error.js';
import { checkContentDigest } from '../../src/http-signatures/content-digest.js';
import { fieldsOf, type HttpMessageParts } from '../../src/http-signatures/http-message.js';
import { createMemoryReplayStore } from '../../src/http-signatures/replay-store.js';
import { signatureBase } from '../../src/http-signatures/signature-base.js';
import { signatureHeaders } from '../../src/http-signatures/signature-headers.js';
import { parseDictionary } from '../../src/http-signatures/structured-field-parse.js';
import { serializeInnerList } from '../../src/http-signatures/structured-field-serialize.js';
import type { InnerList } from '../../src/http-signatures/structured-field-types.js';
import { sentTargetUri, targetUriParts } from '../../src/http-signatures/target-uri.js';
import { verifyHttpMessage } from '../../src/http-signatures/verify-http-message.js';
import { getPublicKey } from '../../src/keys/index.js';
import { sign, verify } from '../../src/signatures/index.js';
import {
  readVectors,
  VECTOR_DIR,
  type RfcVector,
  type SignVectors,
  type VerifyVectors,
  type WireRequest,
} from './http-signature-vectors.js';

const message = (r: WireRequest): HttpMessageParts => ({
  method: r.method,
  targetUri: r.target_uri,
  headers: r.headers,
  ...(r.body_base64 === undefined ? {} : { body: base64ToBytes(r.body_base64) }),
});

/** The signature base our code writes for a Signature-Input value with one member. */
function baseFor(input: string, label: string, r: WireRequest): string {
  const list = parseDictionary(input).get(label) as InnerList;
  const m = message(r);
  return signatureBase(list, {
    method: m.method.toUpperCase(),
    uri: targetUriParts(sentTargetUri(m.targetUri)),
    fields: fieldsOf(m.headers),
  });
}

describe('vectors/http-signatures', () => {
  it('regenerate from generate.mjs to exactly the committed files', () => {
    for (const [name, text] of Object.entries(renderHttpSignatureVectors())) {
      expect(text, name).toBe(readFileSync(new URL(name, VECTOR_DIR), 'utf8'));
    }
  });

  it('RFC 9421 Appendix B.2.6: the signature base and the Ed25519 signature, byte for byte', async () => {
    const v = readVectors<RfcVector>('rfc9421-b26.json');
    const seed = hexToBytes(v.private_key_hex);
    expect(v.signature_input).toBe(`${v.label}=${v.signature_params}`);
    const list = parseDictionary(v.signature_input).get(v.label) as InnerList;
    expect(serializeInnerList(list)).toBe(v.signature_params);
    const base = baseFor(v.signature_input, v.label, v.request);
    expect(base).toBe(v.signature_base);
    const signature = await sign(base, seed);
    const expected = parseDictionary(v.signature).get(v.label)!;
    expect(expected).toMatchObject({ value: { type: 'binary', value: signature } });
    expect(await getPublicKey(seed)).toEqual(hexToBytes(v.public_key_hex));
    expect(await verify(signature, base, hexToBytes(v.public_key_hex))).toBe(true);
    // B.2's Content-Digest is sha-512: the digest check takes it.
    const fields = fieldsOf(v.request.headers);
    expect(
      checkContentDigest(fields.get('content-digest')!, base64ToBytes(v.request.body_base64!)),
    ).toBeUndefined();
  });

  const signVectors = readVectors<SignVectors>('sign.json');
  it.each(signVectors.cases.map((c) => [c.name, c] as const))(
    'sign.json %s: our signer writes the expected fields',
    async (_name, c) => {
      const fields = await signatureHeaders(message(c.request), {
        clientId: signVectors.key.client_id,
        privateKey: hexToBytes(signVectors.key.private_key_hex),
        now: () => c.options.created_ms,
        expiresIn: c.options.expires_in,
        nonce: c.options.nonce,
        ...(c.options.components === undefined ? {} : { components: c.options.components }),
      });
      expect(fields['content-digest']).toBe(c.expected.content_digest);
      expect(fields['signature-input']).toBe(c.expected.signature_input);
      expect(fields.signature).toBe(c.expected.signature);
      const withDigest: WireRequest = {
        ...c.request,
        headers: [
          ...c.request.headers,
          ...(fields['content-digest'] === undefined
            ? []
            : [['content-digest', fields['content-digest']] as [string, string]]),
        ],
      };
      expect(baseFor(fields['signature-input'], 'datafold', withDigest)).toBe(
        c.expected.signature_base,
      );
    },
  );

  const verifyVectors = readVectors<VerifyVectors>('verify.json');
  it('verify.json covers every refusal code but REPLAY_STORE_UNAVAILABLE, and ok cases', () => {
    const codes = new Set(verifyVectors.cases.map((c) => c.expect));
    expect([...codes].sort()).toEqual(
      [
        'ok',
        'REQUEST_SIGNATURE_MISSING',
        'REQUEST_SIGNATURE_MALFORMED',
        'REQUEST_SIGNATURE_INSUFFICIENT_COVERAGE',
        'REQUEST_SIGNATURE_NOT_YET_VALID',
        'REQUEST_SIGNATURE_EXPIRED',
        'REQUEST_SIGNATURE_TOO_OLD',
        'CONTENT_DIGEST_MISMATCH',
        'REQUEST_SIGNATURE_UNKNOWN_KEY',
        'REQUEST_SIGNATURE_INACTIVE_KEY',
        'REQUEST_SIGNATURE_INVALID',
        'REQUEST_SIGNATURE_REPLAYED',
      ].sort(),
    );
  });

  it.each(verifyVectors.cases.map((c) => [c.name, c] as const))(
    'verify.json %s',
    async (_name, c) => {
      const now = () => verifyVectors.now_ms;
      const publicKey = hexToBytes(verifyVectors.key.public_key_hex);
      const options = {
        resolveKey: (id: string) => {
          expect(id).toBe(verifyVectors.key.client_id);
          return Promise.resolve(
            c.key_status === 'active'
              ? { status: 'active' as const, publicKey }
              : { status: c.key_status },
          );
        },
        replayStore: { ...createMemoryReplayStore({ now }), notBefore: 0 },
        maxAge: verifyVectors.max_age,
        clockSkew: verifyVectors.clock_skew,
        now,
      };
      let outcome = '';
      for (let i = 0; i < (c.repeat ?? 1); i++) {
        try {
          const verified = await verifyHttpMessage(message(c.request), options);
          expect(verified.clientId).toBe(verifyVectors.key.client_id);
          outcome = 'ok';
        } catch (error) {
          if (!isDataFoldError(error)) throw error;
          outcome = error.code;
        }
      }
      expect(outcome).toBe(c.expect);
    },
  );
});
