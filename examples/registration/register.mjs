// Public key registration with @datafold/js-sdk: connection test, registration with proof of
// possession, status, and the coded errors a second registration gets.
import assert from 'node:assert/strict';
import {
  createServerIntegration,
  generateKeyPair,
  isDataFoldError,
  ServerIntegrationError,
} from '@datafold/js-sdk';

const baseUrl = process.env.DATAFOLD_SERVER_URL ?? 'http://localhost:9001';

// #region connect
const server = createServerIntegration({
  baseUrl,
  timeout: 10_000, // per attempt
  retries: 3, // network errors, timeouts, 5xx and 429 only; other 4xx are final
  onRetry: ({ attempt, delayMs, code }) =>
    console.warn(`retry ${attempt} in ${delayMs} ms (${code})`),
});
const connection = await server.testConnection(); // never throws for an unreachable server
if (!connection.connected) throw new Error(`DataFold server unreachable: ${connection.error}`);
console.log(`connected to ${baseUrl} (${connection.serverVersion}, ${connection.latency} ms)`);
// #endregion connect

// #region register
const keyPair = await generateKeyPair();
const registration = await server.registerKeyPair(keyPair, {
  clientId: `billing-${Date.now()}`, // omit to get a server-assigned client_<uuid>
  keyName: 'Billing service',
  metadata: { environment: 'staging' },
  // proof: true is the default: the key signs a register statement (spec/http-statements.md §6)
});
console.log(registration.clientId, registration.status); // ... active

const status = await server.checkRegistrationStatus(registration.clientId);
assert.equal(status.publicKey, registration.publicKey);
console.log('last used:', status.lastUsed); // null until a signature verifies
// #endregion register

// #region errors
try {
  // The same client id again, even with another key.
  await server.registerKeyPair(await generateKeyPair(), { clientId: registration.clientId });
  assert.fail('a client has one active key');
} catch (error) {
  assert.ok(error instanceof ServerIntegrationError);
  assert.equal(error.code, 'CLIENT_ALREADY_REGISTERED');
  assert.equal(error.httpStatus, 409); // rotate the registration instead (see the auth guide)
}
try {
  await server.registerKeyPair(keyPair); // the same public key under a new client id
  assert.fail('a public key belongs to one client');
} catch (error) {
  assert.ok(isDataFoldError(error, 'DUPLICATE_PUBLIC_KEY'));
}
// #endregion errors
console.log('registered: ok');
