import { ValidationError } from '../errors/datafold-error.js';
import type { HttpMessageParts } from '../http-signatures/index.js';

/** What both middleware faces know of an incoming request, in Node's terms. */
export interface IncomingParts {
  method: string;
  /** The request-target exactly as on the request line (`/path?query`, or absolute form). */
  url: string;
  /** Node's `rawHeaders`: name, value, name, value, … in the order received, repeats kept. */
  rawHeaders: readonly string[];
  /** The connection is TLS. */
  encrypted: boolean;
  /** The content bytes as received; undefined when there is none. */
  body: Uint8Array | undefined;
}

/** How the middleware learns the scheme and authority the client saw (spec §2.3). */
export interface OriginOptions {
  /**
   * The application's public origin, e.g. `https://api.example`: behind a proxy or load balancer,
   * the scheme and authority the clients sign, whatever the connection says.
   */
  publicUrl?: string;
  /**
   * Without `publicUrl`: take the scheme and host from the first `X-Forwarded-Proto` and
   * `X-Forwarded-Host` values. Only behind a proxy that sets them (default false: the `Host`
   * field and the connection's scheme).
   */
  trustProxy?: boolean;
}

/**
 * The message verifyHttpMessage checks: `@target-uri` rebuilt as spec/http-message-signatures-v1.md
 * §2.3 says (configured public origin, else the `Host` field and the connection's scheme; the
 * `X-Forwarded-*` fields only when trusted), the path and query as on the request line, every
 * header field as received (repeats are combined by the verifier, RFC 9421 §2.1).
 *
 * @example
 * const toMessage = messageBuilder({ publicUrl: 'https://api.example' });
 * const message = toMessage({ method: 'GET', url: '/x', rawHeaders: req.rawHeaders, encrypted: false, body: undefined });
 */
export function messageBuilder(options: OriginOptions): (parts: IncomingParts) => HttpMessageParts {
  const fixedOrigin = options.publicUrl === undefined ? undefined : publicOrigin(options.publicUrl);
  const trustProxy = options.trustProxy === true;
  return (parts) => {
    const headers: Array<[string, string]> = [];
    let host: string | undefined;
    let forwardedHost: string | undefined;
    let forwardedProto: string | undefined;
    const raw = parts.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i]!.toLowerCase();
      const value = raw[i + 1]!;
      // HTTP/2 pseudo-header fields are not fields (RFC 9113 §8.3); `:authority` stands for Host.
      if (name.startsWith(':')) {
        if (name === ':authority') host ??= value;
        continue;
      }
      headers.push([name, value]);
      if (name === 'host') host ??= value;
      else if (name === 'x-forwarded-host') forwardedHost ??= firstValue(value);
      else if (name === 'x-forwarded-proto') forwardedProto ??= firstValue(value);
    }
    let targetUri: string;
    if (!parts.url.startsWith('/')) {
      targetUri = parts.url; // absolute form: the client sent the whole URI
    } else if (fixedOrigin !== undefined) {
      targetUri = fixedOrigin + parts.url;
    } else {
      const scheme =
        (trustProxy ? forwardedProto?.toLowerCase() : undefined) ??
        (parts.encrypted ? 'https' : 'http');
      const authority = (trustProxy ? forwardedHost : undefined) ?? host ?? '';
      targetUri = `${scheme}://${normalAuthority(scheme, authority)}${parts.url}`;
    }
    return {
      method: parts.method,
      targetUri,
      headers,
      ...(parts.body === undefined ? {} : { body: parts.body }),
    };
  };
}

function firstValue(value: string): string {
  const comma = value.indexOf(',');
  return (comma === -1 ? value : value.slice(0, comma)).trim();
}

/** Lower case, and without the scheme's default port (spec §2.3). */
function normalAuthority(scheme: string, authority: string): string {
  const lower = authority.toLowerCase();
  const defaultPort = scheme === 'https' ? ':443' : scheme === 'http' ? ':80' : undefined;
  return defaultPort !== undefined && lower.endsWith(defaultPort)
    ? lower.slice(0, -defaultPort.length)
    : lower;
}

function publicOrigin(publicUrl: string): string {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      'publicUrl must be an absolute URL, like https://api.example',
    );
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.username !== '' ||
    url.password !== '' ||
    url.pathname !== '/' ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      'publicUrl must be an http(s) origin with no path, query or credentials, like https://api.example',
    );
  }
  return url.origin;
}
