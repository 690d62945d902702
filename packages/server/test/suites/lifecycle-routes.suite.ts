import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContext } from '../../src/app/build-app.js';
import { createAdminToken } from '../../src/domain/admin-tokens.js';
import { keyFingerprint, type StatementFields } from '@datafold/js-sdk';
import { newKey, nonce, sign, signStatement, type TestKey, registerBody } from '../helpers/keys.js';
import type {
  AuditPage,
  RegistrationPage,
  RevocationView,
  RotationView,
  StatusView,
} from '../helpers/route-data.js';
import { startTestServer, type StorageFactory, type TestServer } from '../helpers/test-server.js';

/**
 * Revocation, rotation, proof of possession, admin tokens and the audit log through app.inject.
 * Run against SQLite and against a real PostgreSQL.
 */
export function lifecycleRoutesSuite(label: string, storage: StorageFactory): void {
  describe(`revocation, rotation, admin and audit (${label})`, () => {
    let server: TestServer;
    const clock = Date.now();
    let adminToken: string;
    let auditorToken: string;
    beforeAll(async () => {
      server = await startTestServer(storage, {}, { now: () => clock });
      const tokens = appContext(server.app).tokens;
      adminToken = (await createAdminToken(tokens, 'admin')).token;
      auditorToken = (await createAdminToken(tokens, 'auditor')).token;
    });
    afterAll(async () => {
      await server?.close();
    });

    const post = <T = unknown>(
      url: string,
      payload: object,
      headers: Record<string, string> = {},
    ) => server.json<T>({ method: 'POST', url, payload, headers });

    async function registered(clientId: string): Promise<TestKey> {
      const key = newKey();
      const res = await post('/api/crypto/keys/register', registerBody(key, clientId));
      expect(res.status).toBe(201);
      return key;
    }

    /** A statement body signed by `key`; a rotation also carries the new key's proof when given. */
    function statement(
      key: TestKey,
      fields: Omit<StatementFields, 'publicKey' | 'timestamp' | 'nonce'> & Partial<StatementFields>,
      newKeySigner?: TestKey,
    ) {
      const full: StatementFields = {
        publicKey: key.hex,
        timestamp: new Date(clock).toISOString(),
        nonce: nonce(),
        ...fields,
      };
      return {
        client_id: full.clientId,
        reason: full.reason ?? null,
        timestamp: full.timestamp,
        nonce: full.nonce,
        ...(full.newPublicKey ? { new_public_key: full.newPublicKey } : {}),
        signature: signStatement(key, full),
        ...(newKeySigner ? { new_key_signature: signStatement(newKeySigner, full) } : {}),
      };
    }

    it('revokes with a signed statement; verify then answers 403 KEY_NOT_ACTIVE', async () => {
      const key = await registered('rev-1');
      // Verified first, so a cached lookup (SQLite) must be dropped by the revocation.
      const before = await post('/api/crypto/signatures/verify', {
        client_id: 'rev-1',
        message: 'm',
        signature: sign(key, 'm'),
      });
      expect(before.status).toBe(200);
      const body = statement(key, { action: 'revoke', clientId: 'rev-1', reason: 'laptop lost' });
      const res = await post<RevocationView>('/api/crypto/keys/revoke', body);
      expect(res.status).toBe(200);
      expect(res.data()).toMatchObject({
        client_id: 'rev-1',
        public_key: key.hex,
        fingerprint: keyFingerprint(key.hex),
        status: 'revoked',
        reason: 'laptop lost',
      });
      const verify = await post('/api/crypto/signatures/verify', {
        client_id: 'rev-1',
        message: 'm',
        signature: sign(key, 'm'),
      });
      expect(verify.status).toBe(403);
      expect(verify.error().code).toBe('KEY_NOT_ACTIVE');
      const status = await server.json<StatusView>({
        method: 'GET',
        url: '/api/crypto/keys/status/rev-1',
      });
      expect(status.data().status).toBe('revoked');
      // The client may register a new key; the revoked key can never come back.
      const again = await post('/api/crypto/keys/register', registerBody(key, 'rev-1'));
      expect(again.error().code).toBe('DUPLICATE_PUBLIC_KEY');
      const fresh = await post('/api/crypto/keys/register', registerBody(newKey(), 'rev-1'));
      expect(fresh.status).toBe(201);
    });

    it('refuses a replayed rotation, and a failed signature does not burn the nonce', async () => {
      const key = await registered('rot-replay');
      const next = newKey();
      const body = statement(
        key,
        { action: 'rotate', clientId: 'rot-replay', newPublicKey: next.hex },
        next,
      );
      expect((await post('/api/crypto/keys/rotate', body)).status).toBe(200);
      // Replayed after the rotation: the statement names the superseded key, so it no longer verifies.
      const replay = await post('/api/crypto/keys/rotate', body);
      expect(replay.status).toBe(401);
      // A replay of a statement that is still valid for the key: revoke twice with the same nonce.
      const key2 = await registered('rev-replay');
      const n = nonce();
      const bad = statement(key2, {
        action: 'revoke',
        clientId: 'rev-replay',
        nonce: n,
        reason: 'x',
      });
      const badSig = { ...bad, signature: 'ab'.repeat(64) };
      expect((await post('/api/crypto/keys/revoke', badSig)).error().code).toBe(
        'SIGNATURE_VERIFICATION_FAILED',
      );
      expect((await post('/api/crypto/keys/revoke', bad)).status).toBe(200);
    });

    it('rejects a nonce already consumed by a proof of possession with 409 REPLAY_DETECTED', async () => {
      const key = newKey();
      const n = nonce();
      const ts = new Date(clock).toISOString();
      const proof = {
        signature: signStatement(key, {
          action: 'register',
          clientId: 'pop-replay',
          publicKey: key.hex,
          timestamp: ts,
          nonce: n,
        }),
        timestamp: ts,
        nonce: n,
      };
      expect(
        (
          await post('/api/crypto/keys/register', {
            client_id: 'pop-replay',
            public_key: key.hex,
            proof,
          })
        ).status,
      ).toBe(201);
      const revoke = statement(key, { action: 'revoke', clientId: 'pop-replay', nonce: n });
      const res = await post('/api/crypto/keys/revoke', revoke);
      expect(res.status).toBe(409);
      expect(res.error().code).toBe('REPLAY_DETECTED');
    });

    it('rotates: same client id, new key active, old key superseded and kept', async () => {
      const oldKey = await registered('rot-1');
      const before = await post('/api/crypto/signatures/verify', {
        client_id: 'rot-1',
        message: 'm',
        signature: sign(oldKey, 'm'),
      });
      expect(before.status).toBe(200);
      const newer = newKey();
      const body = statement(
        oldKey,
        { action: 'rotate', clientId: 'rot-1', newPublicKey: newer.hex, reason: 'scheduled' },
        newer,
      );
      const res = await post<RotationView>('/api/crypto/keys/rotate', body);
      expect(res.status).toBe(200);
      expect(res.data()).toMatchObject({
        client_id: 'rot-1',
        public_key: newer.hex,
        fingerprint: keyFingerprint(newer.hex),
        status: 'active',
        previous_public_key: oldKey.hex,
        previous_fingerprint: keyFingerprint(oldKey.hex),
      });
      const oldVerify = await post('/api/crypto/signatures/verify', {
        client_id: 'rot-1',
        message: 'm',
        signature: sign(oldKey, 'm'),
      });
      expect(oldVerify.status).toBe(401);
      const newVerify = await post('/api/crypto/signatures/verify', {
        client_id: 'rot-1',
        message: 'm',
        signature: sign(newer, 'm'),
      });
      expect(newVerify.status).toBe(200);
      const list = await server.json<RegistrationPage>({
        method: 'GET',
        url: '/api/admin/registrations?search=rot-1',
        headers: { authorization: `Bearer ${auditorToken}` },
      });
      const mine = list.data().items.filter((i) => i.client_id === 'rot-1');
      expect(mine.map((i) => i.status).sort()).toEqual(['active', 'superseded']);
      // spec/key-fingerprint-v1.md §5: each registration shows its own key's fingerprint.
      for (const item of mine) expect(item.fingerprint).toBe(keyFingerprint(item.public_key));
      expect(mine.find((i) => i.status === 'superseded')?.replaced_by).toBe(
        res.data().registration_id,
      );
    });

    it('rotation to an already registered key answers 409 DUPLICATE_PUBLIC_KEY and changes nothing', async () => {
      const key = await registered('rot-dup');
      const taken = await registered('rot-dup-other');
      const res = await post(
        '/api/crypto/keys/rotate',
        statement(key, { action: 'rotate', clientId: 'rot-dup', newPublicKey: taken.hex }, taken),
      );
      expect(res.status).toBe(409);
      expect(res.error().code).toBe('DUPLICATE_PUBLIC_KEY');
      const status = await server.json<StatusView>({
        method: 'GET',
        url: '/api/crypto/keys/status/rot-dup',
      });
      expect(status.data()).toMatchObject({ public_key: key.hex, status: 'active' });
    });

    it.each([
      ['a timestamp 6 minutes old', { timestamp: -6 * 60_000 }, 401, 'STATEMENT_EXPIRED'],
      ['a timestamp 6 minutes ahead', { timestamp: 6 * 60_000 }, 401, 'STATEMENT_EXPIRED'],
      ['a malformed timestamp', { rawTimestamp: '2026-01-01T00:00:00Z' }, 400, 'INVALID_STATEMENT'],
      ['an uppercase nonce', { rawNonce: 'AB'.repeat(16) }, 400, 'INVALID_STATEMENT'],
      ['a short nonce', { rawNonce: 'ab'.repeat(8) }, 400, 'INVALID_STATEMENT'],
      ['a reason with a newline', { reason: 'a\nnonce: 00' }, 400, 'INVALID_STATEMENT'],
      ['a short signature', { signature: 'ab' }, 400, 'INVALID_SIGNATURE'],
      ['a signature by another key', { otherSigner: true }, 401, 'SIGNATURE_VERIFICATION_FAILED'],
    ])(
      'rejects a revocation with %s',
      async (_what, change: Record<string, unknown>, status, code) => {
        const clientId = `rev-bad-${code.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`;
        const key = await registered(clientId);
        const signer = change.otherSigner ? newKey() : key;
        const ts = new Date(clock + ((change.timestamp as number) ?? 0)).toISOString();
        const body = statement(signer, {
          action: 'revoke',
          clientId,
          publicKey: key.hex,
          timestamp: ts,
        });
        const payload: Record<string, unknown> = { ...body };
        if (change.rawTimestamp) payload.timestamp = change.rawTimestamp;
        if (change.rawNonce) payload.nonce = change.rawNonce;
        if (change.reason) payload.reason = change.reason;
        if (change.signature) payload.signature = change.signature;
        const res = await post('/api/crypto/keys/revoke', payload);
        expect(res.status).toBe(status);
        expect(res.error().code).toBe(code);
      },
    );

    it('answers revoke of an unknown client 404 and of a revoked one 403', async () => {
      const ghost = newKey();
      const res = await post(
        '/api/crypto/keys/revoke',
        statement(ghost, { action: 'revoke', clientId: 'ghost' }),
      );
      expect(res.status).toBe(404);
      expect(res.error().code).toBe('CLIENT_NOT_FOUND');
      const key = await registered('rev-twice');
      expect(
        (
          await post(
            '/api/crypto/keys/revoke',
            statement(key, { action: 'revoke', clientId: 'rev-twice' }),
          )
        ).status,
      ).toBe(200);
      const twice = await post(
        '/api/crypto/keys/revoke',
        statement(key, { action: 'revoke', clientId: 'rev-twice' }),
      );
      expect(twice.status).toBe(403);
      expect(twice.error().code).toBe('KEY_NOT_ACTIVE');
    });

    it('checks a proof of possession when present: 201 when valid, 401 INVALID_PROOF when not', async () => {
      const key = newKey();
      const ts = new Date(clock).toISOString();
      const n = nonce();
      const fields = {
        action: 'register' as const,
        clientId: 'pop-1',
        publicKey: key.hex,
        timestamp: ts,
        nonce: n,
      };
      const wrong = await post('/api/crypto/keys/register', {
        client_id: 'pop-1',
        public_key: key.hex,
        proof: { signature: signStatement(newKey(), fields), timestamp: ts, nonce: n },
      });
      expect(wrong.status).toBe(401);
      expect(wrong.error().code).toBe('INVALID_PROOF');
      const ok = await post('/api/crypto/keys/register', {
        client_id: 'pop-1',
        public_key: key.hex,
        proof: { signature: signStatement(key, fields), timestamp: ts, nonce: n },
      });
      expect(ok.status).toBe(201);
    });

    describe('admin tokens', () => {
      it('answers 401 without a token or with an unknown one, 403 with the wrong role', async () => {
        const none = await server.json({ method: 'GET', url: '/api/admin/registrations' });
        expect(none.status).toBe(401);
        expect(none.error().code).toBe('UNAUTHORIZED');
        const unknown = await server.json({
          method: 'GET',
          url: '/api/admin/audit',
          headers: { authorization: 'Bearer dfk_nope' },
        });
        expect(unknown.status).toBe(401);
        const auditorRevoke = await post(
          '/api/admin/registrations/anyone/revoke',
          {},
          { authorization: `Bearer ${auditorToken}` },
        );
        expect(auditorRevoke.status).toBe(403);
        expect(auditorRevoke.error().code).toBe('FORBIDDEN');
        const auditorRotate = await post(
          '/api/crypto/keys/rotate',
          { client_id: 'x', new_public_key: newKey().hex },
          { authorization: `Bearer ${auditorToken}` },
        );
        expect(auditorRotate.status).toBe(403);
      });

      it('lets an admin revoke and rotate any client without a statement', async () => {
        const key = await registered('adm-1');
        const next = newKey();
        // No statement by the old key; the new key still proves possession (the default).
        const adminBody: Record<string, unknown> = statement(
          key,
          { action: 'rotate', clientId: 'adm-1', newPublicKey: next.hex },
          next,
        );
        delete adminBody.signature;
        const rot = await post<RotationView>('/api/crypto/keys/rotate', adminBody, {
          authorization: `Bearer ${adminToken}`,
        });
        expect(rot.status).toBe(200);
        expect(rot.data().previous_public_key).toBe(key.hex);
        const rev = await post<RevocationView>(
          '/api/admin/registrations/adm-1/revoke',
          { reason: 'offboarded' },
          { authorization: `Bearer ${adminToken}` },
        );
        expect(rev.status).toBe(200);
        expect(rev.data()).toMatchObject({
          public_key: next.hex,
          status: 'revoked',
          reason: 'offboarded',
        });
      });

      it('pages through registrations with a cursor and filters by status', async () => {
        for (let i = 0; i < 5; i++) await registered(`page-${i}`);
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const url: string = `/api/admin/registrations?search=page-&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
          const res = await server.json<RegistrationPage>({
            method: 'GET',
            url,
            headers: { authorization: `Bearer ${auditorToken}` },
          });
          expect(res.status).toBe(200);
          const page = res.data();
          expect(page.items.length).toBeLessThanOrEqual(2);
          seen.push(...page.items.map((i) => i.client_id));
          cursor = page.next_cursor;
        } while (cursor);
        expect(seen.sort()).toEqual(['page-0', 'page-1', 'page-2', 'page-3', 'page-4']);
        const revoked = await server.json<RegistrationPage>({
          method: 'GET',
          url: '/api/admin/registrations?status=revoked&limit=500',
          headers: { authorization: `Bearer ${adminToken}` },
        });
        expect(revoked.data().items.length).toBeGreaterThan(0);
        expect(revoked.data().items.every((i) => i.status === 'revoked')).toBe(true);
        const badCursor = await server.json({
          method: 'GET',
          url: '/api/admin/registrations?cursor=xyz',
          headers: { authorization: `Bearer ${adminToken}` },
        });
        expect(badCursor.status).toBe(400);
        expect(badCursor.error().code).toBe('INVALID_REQUEST');
        const badStatus = await server.json({
          method: 'GET',
          url: '/api/admin/registrations?status=gone',
          headers: { authorization: `Bearer ${adminToken}` },
        });
        expect(badStatus.status).toBe(400);
      });

      it('reads the audit log: registrations, failures, rotations and revocations, chained', async () => {
        // Refused requests are counted and written once per window; write this window's now.
        await appContext(server.app).refusals.flush();
        const entries: AuditPage['items'] = [];
        let cursor: string | null = null;
        do {
          const url: string = `/api/admin/audit?limit=100${cursor ? `&cursor=${cursor}` : ''}`;
          const res = await server.json<AuditPage>({
            method: 'GET',
            url,
            headers: { authorization: `Bearer ${auditorToken}` },
          });
          expect(res.status).toBe(200);
          const page = res.data();
          entries.push(...page.items);
          cursor = page.next_cursor;
        } while (cursor);
        expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
        for (let i = 1; i < entries.length; i++)
          expect(entries[i]!.prev_hash).toBe(entries[i - 1]!.hash);
        const kinds = new Set(entries.map((e) => `${e.action}:${e.outcome.split(':')[0]}`));
        for (const k of [
          'register:success',
          'register:failure',
          'rotate:success',
          'revoke:success',
          'revoke:failure',
        ]) {
          expect(kinds).toContain(k);
        }
        expect(entries.some((e) => e.actor.startsWith('admin:') && e.client_id === 'adm-1')).toBe(
          true,
        );
        // A refusal row counts the refusals of one source, action and code.
        const refused = entries.find((e) => e.action === 'register' && e.outcome !== 'success');
        expect(refused).toMatchObject({ actor: expect.stringMatching(/^ip:/) as unknown });
        expect(refused?.details.count).toBeGreaterThan(0);
        // New entries name each key involved by its fingerprint too (spec/key-fingerprint-v1.md §6).
        const changes = entries.filter(
          (e) => ['register', 'rotate', 'revoke'].includes(e.action) && e.outcome === 'success',
        );
        expect(changes.length).toBeGreaterThan(0);
        for (const e of changes) {
          expect(e.details.fingerprint).toBe(keyFingerprint(e.details.public_key as string));
          if (e.action === 'rotate') {
            expect(e.details.previous_fingerprint).toBe(
              keyFingerprint(e.details.previous_public_key as string),
            );
          }
        }
      });
    });
  });
}
