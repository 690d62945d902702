import { assertClientId, signRequest, wipe } from '@datafold/js-sdk';

import { usageError } from '../errors/usage-error.js';
import { dataFromStdin } from '../io/request-input.js';
import { findRegistration } from '../store/registrations.js';
import type { OptionValues } from './command.js';
import type { Context } from './context.js';
import { keyIdOption } from './key-options.js';
import { optionalString } from './option-readers.js';
import { unlockKey } from './unlock-key.js';

/** Who signs: the stored key and version, and the client id that is the signature's `keyid`. */
export interface RequestSigner {
  keyId: string;
  clientId: string;
  /** The key version to sign with; undefined for the current one. */
  version: number | undefined;
}

/**
 * Refuses, before anything is read, a command line where `--data -` and `--passphrase-stdin`
 * both want standard input: only one of them can have it.
 *
 * @example
 * assertOneStdinReader(options);
 */
export function assertOneStdinReader(options: OptionValues): void {
  if (dataFromStdin(options) && options['passphrase-stdin'] === true) {
    throw usageError(
      '--data - reads the content from standard input, so the passphrase cannot come from it: set DATAFOLD_PASSPHRASE or use --passphrase-file FILE',
    );
  }
}

/**
 * The signer a command line names. The client id is --client-id, else the one `register-key`
 * recorded for the key; neither is a usage error. With the recorded client id the key signs with
 * the version the server holds for it (spec §2: only the client's active key verifies), which
 * differs from the current one when the key was rotated here without the server; a warning says
 * how to catch up. A registration recorded as revoked or pending is still used, with a warning:
 * the server has the last word.
 *
 * @example
 * const signer = await requestSigner(ctx, options);
 */
export async function requestSigner(ctx: Context, options: OptionValues): Promise<RequestSigner> {
  const keyId = keyIdOption(options);
  const given = optionalString(options, 'client-id');
  const storage = await ctx.openStore();
  const current = await storage.getCurrentVersion(keyId);
  const record = await findRegistration(storage.directory, keyId);
  if (given === undefined && record === undefined) {
    throw usageError(
      `"${keyId}" has not been registered by this CLI, so its client id is unknown: pass --client-id ID, or run register-key --key-id ${keyId} first`,
    );
  }
  const clientId = given ?? record!.client_id;
  assertClientId(clientId, '--client-id');
  if (record === undefined || record.client_id !== clientId) {
    return { keyId, clientId, version: undefined };
  }
  if (record.status !== 'active') {
    ctx.out.warn(
      `the registration of "${keyId}" as "${clientId}" is recorded as ${record.status}; the server may refuse the request`,
    );
  }
  if (record.key_version !== current) {
    ctx.out.warn(
      `"${keyId}" was rotated to v${current} here but ${record.server} holds v${record.key_version} for "${clientId}": signing with v${record.key_version}; run register-key --key-id ${keyId} to move the server to v${current}`,
    );
  }
  return { keyId, clientId, version: record.key_version };
}

/**
 * Signs `request` with the SDK's signRequest (spec/http-message-signatures-v1.md §2) and the
 * signer's key, unlocked as every command unlocks a key; the private key is wiped afterwards.
 *
 * @example
 * const signed = await signWithStoredKey(ctx, signer, new Request(url, { method: 'POST', body }));
 */
export async function signWithStoredKey(
  ctx: Context,
  signer: RequestSigner,
  request: Request,
): Promise<Request> {
  const { keyPair } = await unlockKey(ctx, signer.keyId, signer.version);
  try {
    return await signRequest(request, {
      clientId: signer.clientId,
      privateKey: keyPair.privateKey,
    });
  } finally {
    wipe(keyPair.privateKey);
  }
}
