import { ERROR_REGISTRY, isDataFoldError } from '@datafold/js-sdk';

/** Server messages are clauses ("this client's key is revoked"); shown as a sentence. */
function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return '';
  const capitalised = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/**
 * Puts a failure into words for the page: what happened and what to do, never a JSON dump or a
 * stack. Codes the dashboard meets often get a sentence written for it; the rest use the error
 * registry's meaning beside the server's own message.
 *
 * @example
 * status.textContent = describeError(error);
 */
export function describeError(error: unknown): string {
  if (!isDataFoldError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return `Something went wrong in the page: ${message}`;
  }
  const details = error.details as { role?: unknown; retryAfter?: unknown; status?: unknown };
  switch (error.code) {
    case 'UNAUTHORIZED':
      return (
        'The server did not accept this token. Check that it was copied whole, or create one ' +
        'with "datafold-server token create --role admin".'
      );
    case 'FORBIDDEN':
      return typeof details.role === 'string'
        ? `This token has the ${details.role} role, which may not do this. Sign in with an admin token.`
        : 'This token may not do this. Sign in with an admin token.';
    case 'RATE_LIMITED': {
      const wait = typeof details.retryAfter === 'string' ? ` in ${details.retryAfter} s` : '';
      return `The server is limiting requests. Try again${wait}.`;
    }
    case 'CLIENT_NOT_FOUND':
      return 'No client with this id is registered on this server.';
    case 'KEY_NOT_ACTIVE': {
      // The server's message names the status too; said once, in the page's words.
      const status =
        typeof details.status === 'string'
          ? details.status
          : /\b(revoked|superseded)\b/.exec(error.message)?.[1];
      if (status === 'revoked') {
        return 'This key is no longer active: it was revoked, and the client must register a new key.';
      }
      if (status === 'superseded') {
        return 'This key is no longer active: a rotation replaced it. Sign with the client’s current key.';
      }
      return 'This key is no longer active (revoked or replaced).';
    }
    case 'WEBCRYPTO_NOT_AVAILABLE':
      return (
        'This browser offers WebCrypto only on secure pages, and this page was opened over plain ' +
        'HTTP. Open the dashboard over HTTPS, or at http://localhost on the server’s machine.'
      );
    case 'NETWORK_ERROR':
    case 'TIMEOUT':
      return error.message;
    case 'DECRYPTION_FAILED':
      return 'Wrong passphrase: the stored key could not be decrypted. Nothing was changed.';
    default: {
      const info = ERROR_REGISTRY[error.code];
      return `${info.meaning} ${sentence(error.message)}`.trim();
    }
  }
}
