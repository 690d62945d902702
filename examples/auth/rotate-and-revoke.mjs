// Signed rotation and revocation: the client's active key signs a canonical, timestamped,
// nonce-carrying statement (spec/http-statements.md); the server checks it and keeps the
// client id. Old keys then answer 403 KEY_NOT_ACTIVE.
import assert from 'node:assert/strict';
import {
  bytesToHex,
  createServerIntegration,
  generateKeyPair,
  isDataFoldError,
  sign,
  signStatement,
  statementFreshness,
} from '@datafold/js-sdk';

const baseUrl = process.env.DATAFOLD_SERVER_URL ?? 'http://localhost:9001';
const server = createServerIntegration({ baseUrl });
const clientId = `rotating-service-${Date.now()}`;

const oldKeys = await generateKeyPair();
await server.registerKeyPair(oldKeys, { clientId });

// #region rotate
const newKeys = await generateKeyPair();
const rotation = await server.rotateRegistration({
  clientId,
  currentKeyPair: oldKeys, // signs the rotate statement
  newKeyPair: newKeys, // also signs it (new_key_signature): proves the new key is held
  reason: 'scheduled_rotation',
});
console.log(
  `${clientId}: ${rotation.previousPublicKey.slice(0, 8)}… -> ${rotation.publicKey.slice(0, 8)}…`,
);

// The client id now answers for the new key only.
const message = 'after the rotation';
await server.verifySignature({
  clientId,
  message,
  signature: await sign(message, newKeys.privateKey),
});
const old = await server.verifySignature({
  clientId,
  message,
  signature: await sign(message, oldKeys.privateKey),
});
assert.equal(old.verified, false); // SIGNATURE_VERIFICATION_FAILED: an answer, not an error
// #endregion rotate

// #region refused
// A statement signed by a key that is not the active one is refused before anything changes.
await assert.rejects(
  server.revokeRegistration({ clientId, keyPair: oldKeys, reason: 'not mine to revoke' }),
  (error) => isDataFoldError(error, 'SIGNATURE_VERIFICATION_FAILED'), // old key: not the active one
);
// A statement older than 5 minutes (or from a skewed clock) is STATEMENT_EXPIRED.
const stale = statementFreshness(new Date(Date.now() - 10 * 60 * 1000));
const fields = {
  action: 'revoke',
  clientId,
  publicKey: bytesToHex(newKeys.publicKey),
  reason: '',
  ...stale,
};
const response = await fetch(`${baseUrl}/api/crypto/keys/revoke`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({
    client_id: clientId,
    reason: '',
    ...stale,
    signature: await signStatement(fields, newKeys.privateKey),
  }),
});
assert.equal(response.status, 401);
assert.equal((await response.json()).error.code, 'STATEMENT_EXPIRED');
// #endregion refused

// #region revoke
const revoked = await server.revokeRegistration({
  clientId,
  keyPair: newKeys,
  reason: 'service retired',
});
assert.equal(revoked.status, 'revoked');
await assert.rejects(
  server.verifySignature({ clientId, message, signature: await sign(message, newKeys.privateKey) }),
  (error) => isDataFoldError(error, 'KEY_NOT_ACTIVE') && error.httpStatus === 403,
);
// #endregion revoke
console.log('signed rotation and revocation: ok');
