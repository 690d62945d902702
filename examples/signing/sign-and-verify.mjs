// Signatures with @datafold/js-sdk: sign and verify locally (strict RFC 8032, the same rules as
// the server, the CLI and the Python SDK), then have the server verify for a registered client.
import assert from 'node:assert/strict';
import {
  bytesToHex,
  createServerIntegration,
  generateKeyPair,
  isDataFoldError,
  sign,
  utf8ToBytes,
  verify,
  verifyBatch,
} from '@datafold/js-sdk';

const server = createServerIntegration({
  baseUrl: process.env.DATAFOLD_SERVER_URL ?? 'http://localhost:9001',
});

// #region local
const keyPair = await generateKeyPair();
const message = 'transfer 100 EUR to account 42';
const signature = await sign(message, keyPair.privateKey); // 64 bytes; strings are UTF-8
assert.equal(await verify(signature, message, keyPair.publicKey), true);
assert.equal(await verify(signature, message + '!', keyPair.publicKey), false); // false, no throw

// Many at once: verifications run in parallel on the platform's crypto threads.
const results = await verifyBatch([
  { signature, message, publicKey: keyPair.publicKey },
  { signature, message: 'something else', publicKey: keyPair.publicKey },
]);
assert.deepEqual(results, [true, false]);
// #endregion local

// #region server
const { registration, verification } = await server.registerAndVerifyWorkflow(
  keyPair,
  'first contact', // registers (with proof), signs this message and has the server verify it
);
console.log(`${registration.clientId} verified, message sha256 ${verification.messageHash}`);

// Binary messages travel as hex or base64; the server hashes the decoded bytes.
const payload = utf8ToBytes(JSON.stringify({ order: 42, amount: '100.00' }));
const signed = await server.generateSignature(bytesToHex(payload), keyPair.privateKey, {
  messageEncoding: 'hex',
});
await server.verifySignature({
  clientId: registration.clientId,
  message: signed.message,
  messageEncoding: 'hex',
  signature: signed.signature,
});
// #endregion server

// #region server-failure
const ok = await server.verifySignature({ clientId: registration.clientId, message, signature }); // bytes or hex
assert.equal(ok.verified, true);
// A signature that does not verify is an answer, not an error: check `verified`.
const bad = await server.verifySignature({
  clientId: registration.clientId,
  message: 'tampered',
  signature,
});
assert.equal(bad.verified, false); // the server's 401 SIGNATURE_VERIFICATION_FAILED
assert.equal(bad.error.code, 'SIGNATURE_VERIFICATION_FAILED');
// Everything else still throws: unknown client, revoked key, bad input, no server.
await assert.rejects(
  server.verifySignature({ clientId: 'nobody-here', message, signature }),
  (error) => isDataFoldError(error, 'CLIENT_NOT_FOUND'), // HTTP 404
);
// #endregion server-failure
console.log('signed and verified: ok');
