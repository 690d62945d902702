import { ValidationError } from '../errors/datafold-error.js';
import {
  verifyHttpMessage,
  type VerifiedRequest,
  type VerifyRequestOptions,
} from './verify-http-message.js';

/** Options of {@link verifyRequest}: the verifier's, and the origin clients address. */
export interface VerifyFetchRequestOptions extends VerifyRequestOptions {
  /**
   * The public origin clients sign against (spec §2.3), e.g. `https://api.example`, when this
   * process sees another one behind a proxy; only its scheme and authority are used.
   */
  publicUrl?: string;
}

/**
 * Verifies a Fetch `Request` (spec §3) and answers who signed it, or throws a
 * {@link RequestSignatureError}. The body is read from a clone, so the request stays readable for
 * the handler. Behind a proxy, pass `publicUrl`: the target URI is then its scheme and authority
 * with the request's path and query.
 *
 * @example
 * const { clientId } = await verifyRequest(request, {
 *   resolveKey: async (id) => ({ status: 'active', publicKey: keys.get(id) }),
 *   replayStore: createMemoryReplayStore(),
 * });
 */
export async function verifyRequest(
  request: Request,
  options: VerifyFetchRequestOptions,
): Promise<VerifiedRequest> {
  if (request.bodyUsed) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      'the request body was already read; verify the request before reading its body',
    );
  }
  const body =
    request.body === null ? undefined : new Uint8Array(await request.clone().arrayBuffer());
  return verifyHttpMessage(
    {
      method: request.method,
      targetUri: publicTargetUri(request.url, options.publicUrl),
      headers: request.headers,
      body,
    },
    options,
  );
}

/** The request's URL with the scheme and authority of `publicUrl`, when one is configured. */
function publicTargetUri(url: string, publicUrl: string | undefined): string {
  if (publicUrl === undefined) return url;
  let origin: string;
  try {
    origin = new URL(publicUrl).origin;
  } catch (cause) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      'publicUrl must be an absolute URL',
      {},
      { cause },
    );
  }
  const { pathname, search } = new URL(url);
  return origin + pathname + search;
}
