import { createHash } from 'node:crypto';
import { freePort, startDatafoldServer, type DatafoldServer } from '@datafold/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { bytesToHex } from '../../src/encoding/hex.js';
import { isDataFoldError, ServerIntegrationError } from '../../src/errors/datafold-error.js';
import { generateKeyPair } from '../../src/keys/generate-key-pair.js';
import type { Ed25519KeyPair } from '../../src/keys/types.js';
import { sign } from '../../src/signatures/sign.js';
import { createServerIntegration } from '../../src/server-client/server-integration.js';
import type { RetryEvent } from '../../src/server-client/types.js';
import { startFlakyProxy } from './support/flaky-proxy.js';

let server: DatafoldServer;
let strict: DatafoldServer;

beforeAll(async () => {
  [server, strict] = await Promise.all([startDatafoldServer(), startDatafoldServer()]);
});
afterAll(async () => {
  await Promise.all([server?.stop(), strict?.stop()]);
});

async function expectServerError(
  work: Promise<unknown>,
  code: string,
  httpStatus?: number,
): Promise<ServerIntegrationError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isDataFoldError(error), `expected ${code}, got ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe(code);
  if (httpStatus !== undefined) {
    expect(error).toBeInstanceOf(ServerIntegrationError);
    expect((error as ServerIntegrationError).httpStatus).toBe(httpStatus);
  }
  return error as ServerIntegrationError;
}

const uniqueId = (prefix: string) =>
  `${prefix}-${bytesToHex(crypto.getRandomValues(new Uint8Array(6)))}`;

describe('createServerIntegration against a real datafold-server', () => {
  it('testConnection reports latency and the server version; an unreachable server is not connected', async () => {
    const ok = await createServerIntegration({ baseUrl: server.url }).testConnection();
    expect(ok).toMatchObject({
      connected: true,
      serverStatus: 'operational',
      algorithm: 'Ed25519',
    });
    expect(ok.latency).toBeGreaterThanOrEqual(0);
    expect(typeof ok.serverVersion).toBe('string');

    const closed = `http://127.0.0.1:${await freePort()}`;
    const down = await createServerIntegration({ baseUrl: closed, retries: 0 }).testConnection();
    expect(down.connected).toBe(false);
    expect(down.error).toMatch(/^NETWORK_ERROR: /);
  });

  it('registers with proof of possession, reports status in camelCase, then verifies', async () => {
    const integration = createServerIntegration({ baseUrl: strict.url });
    const keyPair = await generateKeyPair();
    const clientId = uniqueId('alice');
    const registration = await integration.registerKeyPair(keyPair, {
      clientId,
      keyName: 'Laptop key',
      metadata: { device: 'laptop' },
    });
    expect(registration).toEqual({
      registrationId: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      clientId,
      publicKey: bytesToHex(keyPair.publicKey),
      keyName: 'Laptop key',
      registeredAt: expect.stringMatching(/Z$/) as string,
      status: 'active',
    });
    const status = await integration.checkRegistrationStatus(clientId);
    expect(status).toMatchObject({ ...registration, lastUsed: null });

    const signature = await integration.generateSignature('Hello, DataFold!', keyPair.privateKey);
    expect(signature.signature).toMatch(/^[0-9a-f]{128}$/);
    const verification = await integration.verifySignature({
      clientId,
      message: 'Hello, DataFold!',
      signature: signature.signature,
    });
    expect(verification).toEqual({
      verified: true,
      clientId,
      publicKey: bytesToHex(keyPair.publicKey),
      verifiedAt: expect.stringMatching(/Z$/) as string,
      messageHash: createHash('sha256').update('Hello, DataFold!').digest('hex'),
    });
    expect((await integration.checkRegistrationStatus(clientId)).lastUsed).toMatch(/Z$/);
  });

  it('lets the server assign the client id (proof over an empty client_id)', async () => {
    const integration = createServerIntegration({ baseUrl: strict.url });
    const registration = await integration.registerKeyPair(await generateKeyPair());
    expect(registration.clientId).toMatch(/^client_[0-9a-f-]{36}$/);
  });

  it("surfaces the server's codes and statuses, without retrying 4xx", async () => {
    const events: RetryEvent[] = [];
    const integration = createServerIntegration({
      baseUrl: strict.url,
      onRetry: (e) => events.push(e),
    });
    await expectServerError(
      integration.registerKeyPair(await generateKeyPair(), { proof: false }),
      'PROOF_REQUIRED',
      400,
    );
    const keyPair = await generateKeyPair();
    const clientId = uniqueId('bob');
    await integration.registerKeyPair(keyPair, { clientId });
    await expectServerError(
      integration.registerKeyPair(await generateKeyPair(), { clientId }),
      'CLIENT_ALREADY_REGISTERED',
      409,
    );
    await expectServerError(
      integration.registerKeyPair(keyPair, { clientId: uniqueId('carol') }),
      'DUPLICATE_PUBLIC_KEY',
      409,
    );
    const other = await generateKeyPair();
    const forged = await integration.generateSignature('message', other.privateKey);
    // The server's 401 SIGNATURE_VERIFICATION_FAILED is a result: verified false.
    expect(
      await integration.verifySignature({
        clientId,
        message: 'message',
        signature: forged.signature,
      }),
    ).toEqual({
      verified: false,
      clientId,
      publicKey: null,
      verifiedAt: expect.stringMatching(/Z$/) as string,
      messageHash: createHash('sha256').update('message').digest('hex'),
      error: { code: 'SIGNATURE_VERIFICATION_FAILED', message: expect.any(String) as string },
    });
    await expectServerError(
      integration.verifySignature({
        clientId: uniqueId('nobody'),
        message: 'm',
        signature: forged.signature,
      }),
      'CLIENT_NOT_FOUND',
      404,
    );
    await expectServerError(
      integration.verifySignature({ clientId, message: 'm', signature: 'zz' }),
      'INVALID_SIGNATURE',
      400,
    );
    await expectServerError(
      integration.checkRegistrationStatus(uniqueId('nobody')),
      'CLIENT_NOT_FOUND',
      404,
    );
    expect(events).toEqual([]);
  });

  it('registerAndVerifyWorkflow runs again after a failure without CLIENT_ALREADY_REGISTERED', async () => {
    const integration = createServerIntegration({ baseUrl: server.url });
    const keyPair = await generateKeyPair();
    const clientId = uniqueId('again');
    // A first run registered the key and then failed (here: its verification was never sent).
    await integration.registerKeyPair(keyPair, { clientId });
    const again = await integration.registerAndVerifyWorkflow(keyPair, 'Hello, DataFold!', {
      clientId,
    });
    expect(again.registration).toMatchObject({
      clientId,
      publicKey: bytesToHex(keyPair.publicKey),
    });
    expect(again.verification.verified).toBe(true);
    // Another key under the client id is still refused.
    await expectServerError(
      integration.registerAndVerifyWorkflow(await generateKeyPair(), 'x', { clientId }),
      'CLIENT_ALREADY_REGISTERED',
      409,
    );
    // Without a client id, one in the server's form is chosen before the request.
    const assigned = await integration.registerAndVerifyWorkflow(await generateKeyPair(), 'y');
    expect(assigned.registration.clientId).toMatch(
      /^client_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('signs and verifies hex and base64 messages as the server decodes them', async () => {
    const integration = createServerIntegration({ baseUrl: server.url });
    const keyPair = await generateKeyPair();
    const { registration } = await integration.registerAndVerifyWorkflow(keyPair, '00ff10', {
      messageEncoding: 'hex',
      clientId: uniqueId('bytes'),
    });
    const b64 = await integration.generateSignature('AP8Q', keyPair.privateKey, {
      messageEncoding: 'base64',
    });
    const result = await integration.verifySignature({
      clientId: registration.clientId,
      message: 'AP8Q',
      signature: b64.signature,
      messageEncoding: 'base64',
    });
    expect(result.messageHash).toBe(
      createHash('sha256')
        .update(Buffer.from([0, 255, 16]))
        .digest('hex'),
    );
  });

  it('rotates and revokes with statements signed by the key; the server follows', async () => {
    const integration = createServerIntegration({ baseUrl: strict.url });
    const first = await generateKeyPair();
    const second = await generateKeyPair();
    const { registration } = await integration.registerAndVerifyWorkflow(first, 'before', {
      clientId: uniqueId('rotating'),
    });
    const clientId = registration.clientId;
    const oldSignature = bytesToHex(await sign('old', first.privateKey));

    // A statement signed by a key that is not the active one is refused.
    await expectServerError(
      integration.rotateRegistration({ clientId, currentKeyPair: second, newKeyPair: first }),
      'SIGNATURE_VERIFICATION_FAILED',
      401,
    );
    const rotated = await integration.rotateRegistration({
      clientId,
      currentKeyPair: first,
      newKeyPair: second,
      reason: 'scheduled',
    });
    expect(rotated).toEqual({
      clientId,
      registrationId: expect.any(String) as string,
      publicKey: bytesToHex(second.publicKey),
      status: 'active',
      registeredAt: expect.stringMatching(/Z$/) as string,
      previousRegistrationId: registration.registrationId,
      previousPublicKey: bytesToHex(first.publicKey),
    });
    expect((await integration.checkRegistrationStatus(clientId)).publicKey).toBe(
      bytesToHex(second.publicKey),
    );
    // The server now checks the new key: the old key's signature fails there.
    expect(
      (await integration.verifySignature({ clientId, message: 'old', signature: oldSignature }))
        .verified,
    ).toBe(false);
    const fresh = await integration.generateSignature('new', second.privateKey);
    expect(
      (await integration.verifySignature({ clientId, message: 'new', signature: fresh.signature }))
        .verified,
    ).toBe(true);

    const revoked = await integration.revokeRegistration({
      clientId,
      keyPair: second,
      reason: 'laptop lost',
    });
    expect(revoked).toMatchObject({
      clientId,
      status: 'revoked',
      reason: 'laptop lost',
      publicKey: bytesToHex(second.publicKey),
    });
    await expectServerError(
      integration.verifySignature({ clientId, message: 'new', signature: fresh.signature }),
      'KEY_NOT_ACTIVE',
      403,
    );
  });

  it('refuses bad arguments locally with coded errors', async () => {
    const integration = createServerIntegration({ baseUrl: server.url });
    const keyPair = await generateKeyPair();
    const mismatched: Ed25519KeyPair = {
      privateKey: keyPair.privateKey,
      publicKey: (await generateKeyPair()).publicKey,
    };
    await expectServerError(integration.registerKeyPair(mismatched), 'INTEGRITY_CHECK_FAILED');
    await expectServerError(
      integration.registerKeyPair(keyPair, { clientId: 'has space' }),
      'INVALID_CLIENT_ID',
    );
    await expectServerError(
      integration.generateSignature('', keyPair.privateKey),
      'INVALID_MESSAGE',
    );
    await expectServerError(
      integration.generateSignature('xyz', keyPair.privateKey, { messageEncoding: 'hex' }),
      'INVALID_MESSAGE',
    );
    await expectServerError(
      integration.generateSignature('m', new Uint8Array(5)),
      'INVALID_PRIVATE_KEY',
    );
    await expectServerError(
      integration.revokeRegistration({ clientId: 'c', keyPair, reason: 'line\nbreak' }),
      'INVALID_ARGUMENT',
    );
    for (const config of [
      { baseUrl: 'ftp://example.com' },
      { baseUrl: 'not a url' },
      { baseUrl: 'http://user:pw@localhost:1' },
      { baseUrl: server.url, timeout: 0 },
      { baseUrl: server.url, retries: -1 },
      { baseUrl: server.url, retries: 1.5 },
    ]) {
      expect(() => createServerIntegration(config)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
    }
  });
});

describe('retries, timeouts and bad answers (a local server that fails first)', () => {
  it('retries 503 and 429 with backoff, honouring Retry-After, then succeeds', async () => {
    const proxy = await startFlakyProxy(server.url, [
      { status: 503 },
      { status: 429, retryAfter: '1' },
      { drop: true },
    ]);
    try {
      const events: RetryEvent[] = [];
      const integration = createServerIntegration({
        baseUrl: proxy.url,
        retries: 3,
        retryDelayMs: 10,
        onRetry: (e) => events.push(e),
      });
      const keyPair = await generateKeyPair();
      const registration = await integration.registerKeyPair(keyPair, {
        clientId: uniqueId('retry'),
      });
      expect(registration.status).toBe('active');
      expect(proxy.seen.filter((s) => s.startsWith('POST'))).toHaveLength(4);
      expect(events.map((e) => [e.attempt, e.code, e.httpStatus])).toEqual([
        [1, 'SERVICE_UNAVAILABLE', 503],
        [2, 'RATE_LIMITED', 429],
        [3, 'NETWORK_ERROR', undefined],
      ]);
      // Backoff with equal jitter: step/2 <= delay <= step; Retry-After: 1 s at least.
      expect(events[0]!.delayMs).toBeGreaterThanOrEqual(5);
      expect(events[0]!.delayMs).toBeLessThanOrEqual(10);
      expect(events[1]!.delayMs).toBeGreaterThanOrEqual(1000);
      expect(events[2]!.delayMs).toBeGreaterThanOrEqual(20);
      expect(events[2]!.delayMs).toBeLessThanOrEqual(40);
    } finally {
      await proxy.close();
    }
  });

  it('gives up after the configured retries with the last code and the attempt count', async () => {
    const proxy = await startFlakyProxy(server.url, [
      { status: 503 },
      { status: 502, body: '<html>' },
      { status: 503 },
    ]);
    try {
      const integration = createServerIntegration({
        baseUrl: proxy.url,
        retries: 1,
        retryDelayMs: 1,
      });
      const error = await expectServerError(
        integration.checkRegistrationStatus('x'),
        'SERVICE_UNAVAILABLE',
        502,
      );
      expect(error.details.attempts).toBe(2);
      expect(proxy.seen).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });

  it('fails at once when Retry-After asks for longer than maxRetryDelayMs', async () => {
    const proxy = await startFlakyProxy(server.url, [{ status: 429, retryAfter: '120' }]);
    try {
      const integration = createServerIntegration({ baseUrl: proxy.url, maxRetryDelayMs: 5_000 });
      const error = await expectServerError(
        integration.checkRegistrationStatus('x'),
        'RATE_LIMITED',
        429,
      );
      expect(error.details).toMatchObject({ attempts: 1, retryAfterMs: 120_000 });
    } finally {
      await proxy.close();
    }
  });

  it('times out each attempt through AbortSignal and retries', async () => {
    const proxy = await startFlakyProxy(server.url, [{ hang: true }, { hang: true }]);
    try {
      const events: RetryEvent[] = [];
      const integration = createServerIntegration({
        baseUrl: proxy.url,
        timeout: 200,
        retries: 2,
        retryDelayMs: 1,
        onRetry: (e) => events.push(e),
      });
      const status = await integration.testConnection();
      expect(status.connected).toBe(false);
      expect(status.error).toMatch(/^TIMEOUT: /);
      // The second hang is used by the call below; the third attempt reaches the real server.
      const error = await expectServerError(
        integration.checkRegistrationStatus(uniqueId('none')),
        'CLIENT_NOT_FOUND',
        404,
      );
      expect(error.fromServer).toBe(true);
      expect(events.map((e) => e.code)).toEqual(['TIMEOUT']);
    } finally {
      await proxy.close();
    }
  });

  it('a caller abort stops at once; a non-DataFold answer is INVALID_RESPONSE', async () => {
    const proxy = await startFlakyProxy(server.url, [
      { hang: true },
      { status: 404, body: 'nope' },
    ]);
    try {
      const integration = createServerIntegration({ baseUrl: proxy.url, retries: 5 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const aborted = await expectServerError(
        integration.checkRegistrationStatus('x', controller.signal),
        'NETWORK_ERROR',
      );
      expect(aborted.fromServer).toBe(false);
      expect(proxy.seen).toHaveLength(1);
      await expectServerError(integration.checkRegistrationStatus('x'), 'INVALID_RESPONSE', 404);
      expect(proxy.seen).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });
});
