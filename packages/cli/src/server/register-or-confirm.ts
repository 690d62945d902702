import {
  bytesToHex,
  isDataFoldError,
  ServerIntegrationError,
  type Ed25519KeyPair,
  type PublicKeyRegistration,
} from '@datafold/js-sdk';

import type { ServerApi } from './server-api.js';

/** Codes after which the server may hold this registration already: ask it. */
const UNSURE = new Set([
  'CLIENT_ALREADY_REGISTERED',
  'NETWORK_ERROR',
  'TIMEOUT',
  'INVALID_RESPONSE',
]);

/**
 * Registers `keyPair` as `clientId`, or confirms that the server holds exactly this registration
 * already: after an answer that leaves the outcome open (lost, timed out, 5xx) or says the client
 * is taken, the server's status decides. When even the status cannot be read, the original error
 * is thrown with `details.registered = 'unknown'`.
 *
 * @example
 * const data = await registerOrConfirm(api, keyPair, 'my-app', 'Laptop key');
 */
export async function registerOrConfirm(
  api: ServerApi,
  keyPair: Ed25519KeyPair,
  clientId: string,
  keyName: string | undefined,
): Promise<PublicKeyRegistration> {
  try {
    return await api.register(keyPair, { clientId, ...(keyName === undefined ? {} : { keyName }) });
  } catch (error) {
    if (!isDataFoldError(error)) throw error;
    if (!UNSURE.has(error.code) && error.httpStatus < 500) throw error;
    let status: PublicKeyRegistration;
    try {
      status = await api.status(clientId);
    } catch (lookup) {
      if (isDataFoldError(lookup, 'CLIENT_NOT_FOUND')) throw error;
      throw new ServerIntegrationError(error.code, error.message, {
        ...(error instanceof ServerIntegrationError && error.fromServer
          ? { httpStatus: error.httpStatus }
          : {}),
        details: { ...error.details, registered: 'unknown' },
        cause: error,
      });
    }
    if (status.status === 'active' && status.publicKey === bytesToHex(keyPair.publicKey)) {
      return status;
    }
    throw error;
  }
}
