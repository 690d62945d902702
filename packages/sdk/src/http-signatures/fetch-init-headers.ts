import type { SignatureHeaders } from './signature-headers.js';

/** A header list as name/value pairs, in the caller's order. */
export type HeaderEntries = Array<[string, string]>;

// Fetch's "normalize" of a header value (Fetch §2.2): leading and trailing HTTP whitespace go.
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;
const HAS_EDGE_WHITESPACE = /^[\t\n\r ]|[\t\n\r ]$/;

/**
 * The headers of a fetch `init` as plain pairs, with values normalised as `new Headers` would,
 * when they are given as a record or an array of pairs (what most callers pass); undefined for a
 * `Headers` object or any other iterable, which the caller then reads through `Headers`. Reading
 * pairs directly spares building a `Headers` that `fetch` would build again from what it is
 * handed. Names and values are not checked here: `fetch` checks them when it builds its own
 * `Headers`, and throws the same TypeError `new Headers` would.
 *
 * @example
 * plainHeaderEntries({ 'Content-Type': 'application/json ' }); // [['Content-Type', 'application/json']]
 */
export function plainHeaderEntries(headers: HeadersInit | undefined): HeaderEntries | undefined {
  if (headers === undefined) return [];
  if (typeof headers !== 'object' || headers === null) return undefined;
  let pairs: Array<[unknown, unknown]>;
  if (Array.isArray(headers)) {
    if (!headers.every((pair) => Array.isArray(pair) && pair.length === 2)) return undefined;
    pairs = headers;
  } else if (Symbol.iterator in headers) {
    return undefined; // Headers, a Map, a generator: Fetch reads these as sequences.
  } else {
    pairs = Object.entries(headers);
  }
  return pairs.map(([name, value]) => [String(name), normalizedValue(String(value))]);
}

function normalizedValue(value: string): string {
  return HAS_EDGE_WHITESPACE.test(value) ? value.replace(EDGE_WHITESPACE, '') : value;
}

/**
 * True when `entries` name `name` (lower case), in any case.
 *
 * @example
 * hasHeader([['Content-Type', 'text/plain']], 'content-type'); // true
 */
export function hasHeader(entries: HeaderEntries, name: string): boolean {
  return entries.some(([entry]) => entry.toLowerCase() === name);
}

/**
 * `entries` with the signature fields set: any field of the same name the caller gave is
 * replaced, as `Headers.set` replaces it.
 *
 * @example
 * const sent = withSignatureFields(entries, fields);
 */
export function withSignatureFields(
  entries: HeaderEntries,
  fields: SignatureHeaders,
): HeaderEntries {
  const sent = entries.filter(([name]) => !Object.hasOwn(fields, name.toLowerCase()));
  for (const name in fields) sent.push([name, fields[name as keyof SignatureHeaders]!]);
  return sent;
}
