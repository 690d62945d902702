import { ValidationError } from '../errors/datafold-error.js';

/** The parts of an absolute target URI the derived components are made of (RFC 9421 §2.2). */
export interface TargetUriParts {
  /** The URI without its fragment: `@target-uri`. */
  targetUri: string;
  /** Lower case: `@scheme`. */
  scheme: string;
  /** Host in lower case, the default port omitted: `@authority`. */
  authority: string;
  /** As sent, `/` when empty: `@path`. */
  path: string;
  /** `?` and the query as sent, `?` alone when there is none: `@query`. */
  query: string;
  /** Path and query in origin form, as on the request line: `@request-target`. */
  requestTarget: string;
}

const ABSOLUTE_URI = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/;
const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443' };

/**
 * Splits an absolute URI without normalising its path or query: a verifier must see them exactly
 * as the request line carried them (spec §2.3), so WHATWG URL parsing, which re-encodes, is not
 * used here. Throws INVALID_ARGUMENT for anything that is not `scheme://authority/...`.
 *
 * @example
 * targetUriParts('https://Example.com:443/foo?a=1').authority; // 'example.com'
 */
export function targetUriParts(uri: string): TargetUriParts {
  const match = ABSOLUTE_URI.exec(uri);
  if (!match) {
    throw new ValidationError('INVALID_ARGUMENT', 'targetUri must be an absolute http(s) URI');
  }
  const scheme = match[1]!.toLowerCase();
  const rawPath = match[3]!;
  const rawQuery = match[4];
  let authority = match[2]!.toLowerCase();
  const port = /:(\d*)$/.exec(authority);
  if (port && (port[1] === '' || port[1] === DEFAULT_PORTS[scheme])) {
    authority = authority.slice(0, -port[0].length);
  }
  const path = rawPath === '' ? '/' : rawPath;
  return {
    targetUri: `${scheme}://${authority}${rawPath}${rawQuery ?? ''}`,
    scheme,
    authority,
    path,
    query: rawQuery ?? '?',
    requestTarget: path + (rawQuery ?? ''),
  };
}

/**
 * The URI a Fetch client sends for `url` (spec §2.3: signers sign the WHATWG serialisation),
 * without the fragment, which never leaves the client.
 *
 * @example
 * sentTargetUri('HTTPS://Example.com:443/a b#top'); // 'https://example.com/a%20b'
 */
export function sentTargetUri(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      'targetUri must be an absolute URI',
      {},
      { cause },
    );
  }
  // The href without its fragment; cutting the text is cheaper than the hash setter's re-parse.
  const href = parsed.href;
  const fragment = href.indexOf('#');
  return fragment < 0 ? href : href.slice(0, fragment);
}
