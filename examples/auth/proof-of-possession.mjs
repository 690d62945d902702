// Proof of possession: a registration must carry the register statement signed by the key being
// registered (the server's default; only --allow-unproven-registration lifts it), so nobody can
// register a public key they merely copied.
import assert from 'node:assert/strict';
import {
  bytesToHex,
  createServerIntegration,
  generateKeyPair,
  isDataFoldError,
  signStatement,
  statementFreshness,
} from '@datafold/js-sdk';

const baseUrl = process.env.DATAFOLD_SERVER_URL ?? 'http://localhost:9001';
const server = createServerIntegration({ baseUrl });

// #region sdk
const keyPair = await generateKeyPair();
// The SDKs and the CLI send the proof by default.
const registration = await server.registerKeyPair(keyPair, { clientId: 'pop-demo' });
assert.equal(registration.status, 'active');

// Without it, this server refuses.
await assert.rejects(server.registerKeyPair(await generateKeyPair(), { proof: false }), (error) =>
  isDataFoldError(error, 'PROOF_REQUIRED'),
);
// #endregion sdk

// #region by-hand
// What the SDK sends (spec/http-statements.md §6): a register statement with a fresh timestamp
// and nonce, signed by the key being registered.
async function registerWithProof(keyPairToRegister, signingKey, clientId) {
  const publicKey = bytesToHex(keyPairToRegister.publicKey);
  const fresh = statementFreshness(); // { timestamp, nonce }
  const signature = await signStatement(
    { action: 'register', clientId, publicKey, ...fresh },
    signingKey.privateKey,
  );
  const response = await fetch(`${baseUrl}/api/crypto/keys/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      client_id: clientId,
      public_key: publicKey,
      proof: { signature, ...fresh },
    }),
  });
  return { status: response.status, body: await response.json() };
}

const victim = await generateKeyPair();
const attacker = await generateKeyPair();
// Someone who has only the victim's public key cannot sign for it.
const stolen = await registerWithProof(victim, attacker, 'pop-attacker');
assert.equal(stolen.status, 401);
assert.equal(stolen.body.error.code, 'INVALID_PROOF');

const honest = await registerWithProof(victim, victim, 'pop-owner');
assert.equal(honest.status, 201);
// #endregion by-hand
console.log('proof of possession: ok');
