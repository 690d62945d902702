import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKey, sign, signBytes, type TestKey } from '../helpers/keys.js';
import type {
  HealthView,
  RegistrationView,
  StatusView,
  SystemStatus,
  VerifyView,
} from '../helpers/route-data.js';
import { startTestServer, type StorageFactory, type TestServer } from '../helpers/test-server.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// A point of order 8 (y from libsodium's blacklist), a non-canonical y = p, and a y with no x.
const SMALL_ORDER = 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a';
const NON_CANONICAL = 'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f';
const NOT_ON_CURVE = '0200000000000000000000000000000000000000000000000000000000000000';

/**
 * WIRE-PROTOCOL.md route by route, through app.inject: shapes, status codes and check order, as
 * existing DataFold clients send them: without proofs of possession, on a server that accepts
 * that (`--allow-unproven-registration`; proofs are required by default, see protection.test.ts).
 * Run against SQLite and against a real PostgreSQL.
 */
export function wireRoutesSuite(label: string, storage: StorageFactory): void {
  describe(`wire protocol routes (${label})`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(storage, { requireProof: false });
    });
    afterAll(async () => {
      await server?.close();
    });

    const register = (payload: unknown) =>
      server.json<RegistrationView>({
        method: 'POST',
        url: '/api/crypto/keys/register',
        payload: payload as object,
      });
    const verify = (payload: unknown) =>
      server.json<VerifyView>({
        method: 'POST',
        url: '/api/crypto/signatures/verify',
        payload: payload as object,
      });

    async function registered(clientId?: string): Promise<{ key: TestKey; clientId: string }> {
      const key = newKey();
      const res = await register({
        public_key: key.hex,
        ...(clientId ? { client_id: clientId } : {}),
      });
      expect(res.status).toBe(201);
      return { key, clientId: res.data().client_id };
    }

    describe('POST /api/crypto/keys/register', () => {
      it('answers 201 with exactly the compat fields', async () => {
        const key = newKey();
        const res = await register({
          client_id: 'alice-1',
          user_id: 'u1',
          public_key: key.hex.toUpperCase(),
          metadata: { team: 'x' },
        });
        expect(res.status).toBe(201);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(Object.keys(res.body)).toEqual(['success', 'data']);
        expect(res.body.success).toBe(true);
        const data = res.data();
        expect(Object.keys(data).sort()).toEqual(
          [
            'client_id',
            'key_name',
            'public_key',
            'registered_at',
            'registration_id',
            'status',
          ].sort(),
        );
        expect(data).toMatchObject({
          client_id: 'alice-1',
          public_key: key.hex,
          key_name: null,
          status: 'active',
        });
        expect(data.registration_id).toMatch(UUID);
        expect(data.registered_at).toMatch(ISO);
      });

      it('assigns client_ + UUIDv4 when no client_id is sent (check 5)', async () => {
        const res = await register({ public_key: newKey().hex, key_name: 'laptop' });
        expect(res.status).toBe(201);
        expect(res.data().client_id).toMatch(/^client_[0-9a-f-]{36}$/);
        expect(res.data().client_id.slice(7)).toMatch(UUID);
        expect(res.data().key_name).toBe('laptop');
      });

      it.each([
        ['missing', undefined],
        ['empty', ''],
        ['not hex', 'zz'.repeat(32)],
        ['odd length', 'abc'],
        ['31 bytes', 'ab'.repeat(31)],
        ['33 bytes', 'ab'.repeat(33)],
        ['all-zero key', '00'.repeat(32)],
        ['small-order point', SMALL_ORDER],
        ['non-canonical encoding', NON_CANONICAL],
        ['not on the curve', NOT_ON_CURVE],
      ])(
        'rejects a public key that is %s with 400 INVALID_PUBLIC_KEY',
        async (_what, publicKey) => {
          const res = await register({ client_id: 'bad-key', public_key: publicKey });
          expect(res.status).toBe(400);
          expect(res.body).toEqual({
            success: false,
            error: {
              code: 'INVALID_PUBLIC_KEY',
              message: expect.any(String) as unknown,
              details: expect.any(Object) as unknown,
            },
          });
        },
      );

      it('checks the key before the client (an invalid key wins over a taken client)', async () => {
        const { clientId } = await registered('order-check');
        const res = await register({ client_id: clientId, public_key: '00'.repeat(32) });
        expect(res.error().code).toBe('INVALID_PUBLIC_KEY');
      });

      it('rejects a disallowed client id with 400 INVALID_CLIENT_ID', async () => {
        const res = await register({ client_id: 'has space', public_key: newKey().hex });
        expect(res.status).toBe(400);
        expect(res.error().code).toBe('INVALID_CLIENT_ID');
      });

      it('answers 409 CLIENT_ALREADY_REGISTERED before DUPLICATE_PUBLIC_KEY (checks 6, 7)', async () => {
        const { key, clientId } = await registered('dup-client');
        const sameClient = await register({ client_id: clientId, public_key: newKey().hex });
        expect(sameClient.status).toBe(409);
        expect(sameClient.error().code).toBe('CLIENT_ALREADY_REGISTERED');
        const both = await register({ client_id: clientId, public_key: key.hex });
        expect(both.error().code).toBe('CLIENT_ALREADY_REGISTERED');
        const otherClient = await register({ client_id: 'dup-client-2', public_key: key.hex });
        expect(otherClient.status).toBe(409);
        expect(otherClient.error().code).toBe('DUPLICATE_PUBLIC_KEY');
      });

      it('answers the same key from concurrent requests once (201 then 409)', async () => {
        const key = newKey();
        const answers = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            register({ client_id: `race-${i}`, public_key: key.hex }),
          ),
        );
        const statuses = answers.map((a) => a.status).sort();
        expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      });

      it.each([
        ['an array', [1, 2]],
        ['a string', 'hello'],
        ['a number where a string belongs', { public_key: 12 }],
        ['metadata that is not an object', { public_key: newKey().hex, metadata: 'x' }],
      ])('answers a body that is %s with 400 INVALID_REQUEST', async (_what, body) => {
        const res = await register(body);
        expect(res.status).toBe(400);
        expect(res.error().code).toBe('INVALID_REQUEST');
        expect(res.error().details).toEqual({});
      });

      it('answers malformed JSON with 400 INVALID_REQUEST in the envelope', async () => {
        const res = await server.json({
          method: 'POST',
          url: '/api/crypto/keys/register',
          headers: { 'content-type': 'application/json' },
          payload: '{"public_key": ',
        });
        expect(res.status).toBe(400);
        expect(res.body).toEqual({
          success: false,
          error: { code: 'INVALID_REQUEST', message: expect.any(String) as unknown, details: {} },
        });
      });

      it('answers a non-JSON content type with 400 INVALID_REQUEST', async () => {
        const res = await server.json({
          method: 'POST',
          url: '/api/crypto/keys/register',
          headers: { 'content-type': 'text/plain' },
          payload: 'public_key=abc',
        });
        expect(res.status).toBe(400);
        expect(res.error().code).toBe('INVALID_REQUEST');
      });
    });

    describe('GET /api/crypto/keys/status/{client_id}', () => {
      it('answers 200 with the registration plus last_used null', async () => {
        const { key, clientId } = await registered('status-1');
        const res = await server.json<StatusView>({
          method: 'GET',
          url: `/api/crypto/keys/status/${clientId}`,
        });
        expect(res.status).toBe(200);
        expect(Object.keys(res.data()).sort()).toEqual(
          [
            'client_id',
            'key_name',
            'last_used',
            'public_key',
            'registered_at',
            'registration_id',
            'status',
          ].sort(),
        );
        expect(res.data()).toMatchObject({
          client_id: clientId,
          public_key: key.hex,
          last_used: null,
          status: 'active',
        });
      });

      it('answers an unknown client with 404 CLIENT_NOT_FOUND', async () => {
        const res = await server.json({
          method: 'GET',
          url: '/api/crypto/keys/status/nobody-here',
        });
        expect(res.status).toBe(404);
        expect(res.error().code).toBe('CLIENT_NOT_FOUND');
      });
    });

    describe('POST /api/crypto/signatures/verify', () => {
      it('answers 200 with verified, the key and the SHA-256 of the message, and sets last_used', async () => {
        const { key, clientId } = await registered('verify-1');
        const res = await verify({
          client_id: clientId,
          message: 'hello',
          signature: sign(key, 'hello'),
        });
        expect(res.status).toBe(200);
        const data = res.data();
        expect(Object.keys(data).sort()).toEqual(
          ['client_id', 'message_hash', 'public_key', 'verified', 'verified_at'].sort(),
        );
        expect(data).toMatchObject({
          verified: true,
          client_id: clientId,
          public_key: key.hex,
          message_hash: createHash('sha256').update('hello').digest('hex'),
        });
        expect(data.verified_at).toMatch(ISO);
        const status = await server.json<StatusView>({
          method: 'GET',
          url: `/api/crypto/keys/status/${clientId}`,
        });
        expect(status.data().last_used).toBe(data.verified_at);
      });

      it('verifies an empty message (RFC 8032 TEST 1) when message_encoding is given, else 400 INVALID_MESSAGE', async () => {
        const rfc = JSON.parse(
          readFileSync(
            new URL('../../../../vectors/ed25519/rfc8032.json', import.meta.url),
            'utf8',
          ),
        ) as {
          cases: Array<{ name: string; public_key: string; message: string; signature: string }>;
        };
        const test1 = rfc.cases.find((c) => c.name === 'TEST 1')!;
        expect(test1.message).toBe('');
        expect(
          (await register({ client_id: 'rfc8032-test1', public_key: test1.public_key })).status,
        ).toBe(201);
        for (const encoding of ['utf8', 'hex', 'base64']) {
          const res = await verify({
            client_id: 'rfc8032-test1',
            message: '',
            message_encoding: encoding,
            signature: test1.signature,
          });
          expect(res.status, encoding).toBe(200);
          expect(res.data().message_hash).toBe(createHash('sha256').update('').digest('hex'));
        }
        // Existing clients send no encoding: for them an empty message stays an error.
        const bare = await verify({
          client_id: 'rfc8032-test1',
          message: '',
          signature: test1.signature,
        });
        expect(bare.status).toBe(400);
        expect(bare.error().code).toBe('INVALID_MESSAGE');
      });

      it("verifies RFC 9421 B.2.6's signature over its signature base (key test-key-ed25519)", async () => {
        const b26 = JSON.parse(
          readFileSync(
            new URL('../../../../vectors/http-signatures/rfc9421-b26.json', import.meta.url),
            'utf8',
          ),
        ) as { public_key_hex: string; signature_base: string; signature: string };
        const signature = /^sig-b26=:([A-Za-z0-9+/=]+):$/.exec(b26.signature)![1]!;
        expect(
          (await register({ client_id: 'test-key-ed25519', public_key: b26.public_key_hex }))
            .status,
        ).toBe(201);
        const res = await verify({
          client_id: 'test-key-ed25519',
          message: b26.signature_base,
          signature: Buffer.from(signature, 'base64').toString('hex'),
        });
        expect(res.status).toBe(200);
        expect(res.data().verified).toBe(true);
        const altered = await verify({
          client_id: 'test-key-ed25519',
          message: b26.signature_base.replace('POST', 'GET'),
          signature: Buffer.from(signature, 'base64').toString('hex'),
        });
        expect(altered.status).toBe(401);
      });

      it('verifies hex and base64 messages over their decoded bytes', async () => {
        const { key, clientId } = await registered('verify-enc');
        const bytes = Buffer.from([0, 1, 2, 250, 255]);
        const signature = signBytes(key, bytes);
        for (const [encoding, message] of [
          ['hex', bytes.toString('hex').toUpperCase()],
          ['base64', bytes.toString('base64')],
        ] as const) {
          const res = await verify({
            client_id: clientId,
            message,
            signature,
            message_encoding: encoding,
          });
          expect(res.status).toBe(200);
          expect(res.data().message_hash).toBe(createHash('sha256').update(bytes).digest('hex'));
        }
      });

      it('answers a wrong signature with 401 SIGNATURE_VERIFICATION_FAILED, never verified:false', async () => {
        const { key, clientId } = await registered('verify-bad');
        const res = await verify({
          client_id: clientId,
          message: 'hello',
          signature: sign(key, 'other'),
        });
        expect(res.status).toBe(401);
        expect(res.body.success).toBe(false);
        expect(res.error().code).toBe('SIGNATURE_VERIFICATION_FAILED');
      });

      it('rejects a signature with S >= L (non-canonical, malleable) with 401', async () => {
        const { key, clientId } = await registered('verify-malleable');
        const sig = Buffer.from(sign(key, 'hello'), 'hex');
        // S + L: the same point equation, but RFC 8032 §5.1.7 requires S < L.
        const L = 2n ** 252n + 27742317777372353535851937790883648493n;
        const s = BigInt(`0x${Buffer.from(sig.subarray(32)).reverse().toString('hex')}`) + L;
        const sBytes = Buffer.from(s.toString(16).padStart(64, '0'), 'hex').reverse();
        const forged = Buffer.concat([sig.subarray(0, 32), sBytes]).toString('hex');
        const res = await verify({ client_id: clientId, message: 'hello', signature: forged });
        expect(res.status).toBe(401);
        expect(res.error().code).toBe('SIGNATURE_VERIFICATION_FAILED');
      });

      const sig = 'ab'.repeat(64);
      it.each([
        ['empty client_id', { client_id: '', message: 'm', signature: sig }, 'INVALID_CLIENT_ID'],
        ['missing client_id', { message: 'm', signature: sig }, 'INVALID_CLIENT_ID'],
        ['empty message', { client_id: 'nobody', message: '', signature: sig }, 'INVALID_MESSAGE'],
        [
          'empty signature',
          { client_id: 'nobody', message: 'm', signature: '' },
          'INVALID_SIGNATURE',
        ],
        [
          'non-hex signature',
          { client_id: 'nobody', message: 'm', signature: 'zz'.repeat(64) },
          'INVALID_SIGNATURE',
        ],
        [
          '63-byte signature',
          { client_id: 'nobody', message: 'm', signature: 'ab'.repeat(63) },
          'INVALID_SIGNATURE',
        ],
        [
          'unknown encoding',
          { client_id: 'nobody', message: 'm', signature: sig, message_encoding: 'utf16' },
          'INVALID_ENCODING',
        ],
        [
          'bad hex message',
          { client_id: 'nobody', message: 'xyz', signature: sig, message_encoding: 'hex' },
          'INVALID_MESSAGE',
        ],
        [
          'unpadded base64',
          { client_id: 'nobody', message: 'aGk', signature: sig, message_encoding: 'base64' },
          'INVALID_MESSAGE',
        ],
        [
          'url-safe base64',
          { client_id: 'nobody', message: 'a-_=', signature: sig, message_encoding: 'base64' },
          'INVALID_MESSAGE',
        ],
      ])('answers %s with 400 before looking up the client', async (_what, body, code) => {
        const res = await verify(body);
        expect(res.status).toBe(400);
        expect(res.error().code).toBe(code);
      });

      it('checks in order: client id, message, signature, encoding', async () => {
        const all = await verify({
          client_id: '',
          message: '',
          signature: '',
          message_encoding: 'x',
        });
        expect(all.error().code).toBe('INVALID_CLIENT_ID');
        const noClient = await verify({
          client_id: 'c',
          message: '',
          signature: '',
          message_encoding: 'x',
        });
        expect(noClient.error().code).toBe('INVALID_MESSAGE');
        const noSig = await verify({
          client_id: 'c',
          message: 'm',
          signature: '',
          message_encoding: 'x',
        });
        expect(noSig.error().code).toBe('INVALID_SIGNATURE');
      });

      it('answers an unknown client with 404 CLIENT_NOT_FOUND', async () => {
        const res = await verify({ client_id: 'nobody-at-all', message: 'm', signature: sig });
        expect(res.status).toBe(404);
        expect(res.error().code).toBe('CLIENT_NOT_FOUND');
      });
    });

    describe('compat status routes', () => {
      it('GET /api/crypto/status answers 200 in the envelope', async () => {
        const res = await server.json({ method: 'GET', url: '/api/crypto/status' });
        expect(res.status).toBe(200);
        expect(res.body.success).toBe(true);
      });

      it('GET /api/system/status answers status, uptime and version, unenveloped', async () => {
        const res = await server.text({ method: 'GET', url: '/api/system/status' });
        expect(res.status).toBe(200);
        const body = JSON.parse(res.text) as SystemStatus;
        expect(Object.keys(body).sort()).toEqual(['status', 'uptime', 'version']);
        expect(body.status).toBe('running');
        expect(typeof body.uptime).toBe('number');
        expect(body.version).toMatch(/^\d+\.\d+\.\d+$/);
      });

      it('GET /api/health reports the database', async () => {
        const res = await server.json<HealthView>({ method: 'GET', url: '/api/health' });
        expect(res.status).toBe(200);
        expect(res.data().database.status).toBe('up');
      });
    });
  });
}
