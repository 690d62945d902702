// Registration, rotation and revocation signed by a private CryptoKey (the non-extractable
// store's keys) against a real datafold-server that requires proof of possession. Node's
// WebCrypto makes non-extractable Ed25519 keys as browsers do.
import { startDatafoldServer, type DatafoldServer } from '@datafold/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { bytesToHex, hexToBytes } from '../../src/encoding/hex.js';
import { generateKeyPair } from '../../src/keys/generate-key-pair.js';
import type { Ed25519CryptoKeyPair } from '../../src/keys/types.js';
import { createServerIntegration } from '../../src/server-client/server-integration.js';
import {
  canonicalStatement,
  signStatement,
  statementFreshness,
} from '../../src/server-client/signed-statement.js';
import { verify } from '../../src/signatures/verify.js';

let server: DatafoldServer;
beforeAll(async () => {
  server = await startDatafoldServer();
});
afterAll(async () => {
  await server?.stop();
});

async function nonExtractablePair(): Promise<Ed25519CryptoKeyPair> {
  const pair = await crypto.subtle.generateKey('Ed25519', false, ['sign', 'verify']);
  return {
    privateKey: pair.privateKey,
    publicKey: new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)),
  };
}

const uniqueId = (prefix: string) =>
  `${prefix}-${bytesToHex(crypto.getRandomValues(new Uint8Array(6)))}`;

describe('statements signed by a non-extractable CryptoKey', () => {
  it('signStatement signs inside WebCrypto; the signature verifies under the public key', async () => {
    const pair = await nonExtractablePair();
    const fields = {
      action: 'register' as const,
      clientId: 'browser-key',
      publicKey: bytesToHex(pair.publicKey),
      ...statementFreshness(),
    };
    const signature = await signStatement(fields, pair.privateKey);
    expect(await verify(hexToBytes(signature), canonicalStatement(fields), pair.publicKey)).toBe(
      true,
    );
  });

  it('registers with proof, rotates seed → CryptoKey → CryptoKey, and revokes, as the server follows', async () => {
    const integration = createServerIntegration({ baseUrl: server.url });
    const first = await nonExtractablePair();
    const clientId = uniqueId('browser');
    const registration = await integration.registerKeyPair(first, { clientId });
    expect(registration).toMatchObject({
      clientId,
      publicKey: bytesToHex(first.publicKey),
      status: 'active',
    });

    const second = await nonExtractablePair();
    const rotated = await integration.rotateRegistration({
      clientId,
      currentKeyPair: first,
      newKeyPair: second,
    });
    expect(rotated).toMatchObject({ publicKey: bytesToHex(second.publicKey), status: 'active' });

    const revoked = await integration.revokeRegistration({ clientId, keyPair: second });
    expect(revoked).toMatchObject({ publicKey: bytesToHex(second.publicKey), status: 'revoked' });

    // A seed-held key rotates to a CryptoKey just as well.
    const seeded = await generateKeyPair();
    const other = uniqueId('seeded');
    await integration.registerKeyPair(seeded, { clientId: other });
    const third = await nonExtractablePair();
    await integration.rotateRegistration({
      clientId: other,
      currentKeyPair: seeded,
      newKeyPair: third,
    });
    expect(await integration.checkRegistrationStatus(other)).toMatchObject({
      publicKey: bytesToHex(third.publicKey),
      status: 'active',
    });
  });

  it('refuses a CryptoKey with somebody else’s public key before sending anything', async () => {
    const integration = createServerIntegration({ baseUrl: server.url });
    const mine = await nonExtractablePair();
    const theirs = await nonExtractablePair();
    const clientId = uniqueId('mismatch');
    await expect(
      integration.registerKeyPair(
        { privateKey: mine.privateKey, publicKey: theirs.publicKey },
        { clientId },
      ),
    ).rejects.toMatchObject({ code: 'INTEGRITY_CHECK_FAILED' });
    await expect(integration.checkRegistrationStatus(clientId)).rejects.toMatchObject({
      code: 'CLIENT_NOT_FOUND',
    });
  });
});
