import { utf8ToBytes } from '@datafold/js-sdk';

import { usageError } from '../errors/usage-error.js';
import { MAX_INPUT_BYTES, readInputFile, readStdin } from './files.js';

/** An HTTP request as the command line describes it, before it is signed. */
export interface RequestInput {
  /** Upper case: the profile signs and checks `@method` upper case (spec §2.1). */
  method: string;
  /** The absolute http(s) URL, as WHATWG URL serialises it (what Fetch sends, spec §2.3). */
  url: string;
  headers: Headers;
  /** The content bytes; undefined without --data. */
  body: Uint8Array | undefined;
}

/** RFC 9110 §5.6.2 `token`: what a method and a field name are made of. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Fields the command sets itself, refused in --header: the three the signature makes, the
 * framing fetch computes from the body, and Host, which must agree with the signed URL (the
 * verifier rebuilds `@target-uri` from it, spec §2.3): a different host goes in the URL.
 */
const SET_BY_THE_CLI: Readonly<Record<string, string>> = {
  'signature-input': 'the CLI signs the request itself',
  signature: 'the CLI signs the request itself',
  'content-digest': 'the CLI computes it from --data',
  'content-length': 'it follows from --data',
  'transfer-encoding': 'it follows from --data',
  host: 'the signature covers the URL (@target-uri): put the host in the URL',
};

/** Methods Fetch refuses to send. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * The request of `request` and `sign-request`: METHOD and URL from the positionals, the fields of
 * each `--header 'Name: value'`, and the content of `--data` (`@FILE`, `-` for standard input,
 * or the text itself, sent as UTF-8 bytes exactly, without curl's stripping of newlines), at most
 * MAX_INPUT_BYTES. No Content-Type is guessed: give it with --header.
 *
 * @example
 * const input = await readRequestInput(options, ['POST', 'https://api.example/orders']);
 */
export async function readRequestInput(
  options: Record<string, unknown>,
  positionals: string[],
): Promise<RequestInput> {
  const [rawMethod = '', rawUrl = ''] = positionals;
  if (!TOKEN.test(rawMethod)) {
    throw usageError(`METHOD must be an HTTP method such as GET or POST (got "${rawMethod}")`);
  }
  const method = rawMethod.toUpperCase();
  if (FORBIDDEN_METHODS.has(method)) throw usageError(`${method} requests cannot be sent`);
  const url = absoluteHttpUrl(rawUrl);
  const headers = headerFields(options.header);
  const body = await dataOption(options.data);
  if (body !== undefined && (method === 'GET' || method === 'HEAD')) {
    throw usageError(`a ${method} request has no content: drop --data, or use POST, PUT or PATCH`);
  }
  return { method, url, headers, body };
}

/**
 * The Fetch `Request` of the input, to be signed (and, for `request`, sent). `init` adds options
 * such as `redirect`.
 *
 * @example
 * const unsigned = fetchRequest(input, { redirect: 'manual' });
 */
export function fetchRequest(input: RequestInput, init: RequestInit = {}): Request {
  return new Request(input.url, {
    ...init,
    method: input.method,
    headers: input.headers,
    // A copy the DOM types accept as a body (a Uint8Array over an ArrayBuffer).
    ...(input.body === undefined ? {} : { body: new Uint8Array(input.body) }),
  });
}

/**
 * True when --data reads standard input (so the passphrase cannot).
 *
 * @example
 * if (dataFromStdin(options) && options['passphrase-stdin'] === true) throw usageError('...');
 */
export function dataFromStdin(options: Record<string, unknown>): boolean {
  const data = options.data;
  return Array.isArray(data) && data[0] === '-';
}

function absoluteHttpUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(`URL must be absolute, like https://api.example/orders (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`URL must be http:// or https:// (got "${raw}")`);
  }
  if (url.username !== '' || url.password !== '') {
    throw usageError('URL must not carry a user name or password: the signature is the credential');
  }
  // The fragment is never sent, so it is not part of @target-uri (spec §2.3).
  url.hash = '';
  return url.href;
}

function headerFields(given: unknown): Headers {
  const headers = new Headers();
  for (const line of Array.isArray(given) ? (given as string[]) : []) {
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon).trim();
    if (colon < 0 || !TOKEN.test(name)) {
      throw usageError(`--header must be 'Name: value' (got ${JSON.stringify(line)})`);
    }
    const why = SET_BY_THE_CLI[name.toLowerCase()];
    if (why !== undefined) throw usageError(`--header ${name} cannot be given: ${why}`);
    const value = line.slice(colon + 1).trim();
    try {
      headers.append(name, value);
    } catch {
      throw usageError(`--header ${name} has a value HTTP cannot carry`);
    }
  }
  return headers;
}

async function dataOption(given: unknown): Promise<Uint8Array | undefined> {
  if (!Array.isArray(given) || given.length === 0) return undefined;
  if (given.length > 1) throw usageError('give --data once (one body per request)');
  const data = given[0] as string;
  if (data === '-') return readStdin('--data -');
  if (data.startsWith('@')) return readInputFile(data.slice(1));
  const bytes = utf8ToBytes(data);
  if (bytes.length > MAX_INPUT_BYTES) throw usageError('--data is too large; use --data @FILE');
  return bytes;
}
