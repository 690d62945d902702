/**
 * What is signed or verified, independent of any HTTP library: the method, the absolute target
 * URI, the header fields and the content bytes (spec §2, RFC 9421 §2).
 *
 * @example
 * const message: HttpMessageParts = {
 *   method: 'POST',
 *   targetUri: 'https://api.example/orders?draft=1',
 *   headers: { 'content-type': 'application/json' },
 *   body: new TextEncoder().encode('{"id":1}'),
 * };
 */
export interface HttpMessageParts {
  /** Any case; signed and verified upper-case. */
  method: string;
  /** The absolute URI of the request (spec §2.3). */
  targetUri: string;
  headers: Headers | Record<string, string> | Array<[string, string]>;
  /** The content bytes; absent or empty means no content. */
  body?: Uint8Array;
}

/**
 * The header fields of a message by lower-case name, each value canonicalised as RFC 9421 §2.1
 * says: leading and trailing spaces and tabs removed, repeated fields joined with ", " in order.
 * A `Headers` object has already done both (Fetch §2.2.2).
 *
 * @example
 * fieldsOf([['X-A', ' 1 '], ['x-a', '2']]).get('x-a'); // '1, 2'
 */
export function fieldsOf(headers: HttpMessageParts['headers']): Map<string, string> {
  const fields = new Map<string, string>();
  const add = (name: string, raw: string) => {
    const key = name.toLowerCase();
    const value = trimSpacesAndTabs(String(raw));
    const before = fields.get(key);
    fields.set(key, before === undefined ? value : `${before}, ${value}`);
  };
  if (typeof Headers !== 'undefined' && headers instanceof Headers) {
    headers.forEach((value, name) => add(name, value));
  } else {
    const entries: Array<[string, string]> = Array.isArray(headers)
      ? headers
      : Object.entries(headers as Record<string, string>);
    for (const [name, value] of entries) {
      add(name, value);
    }
  }
  return fields;
}

/** `value` without leading and trailing spaces and tabs; no new string when there are none. */
function trimSpacesAndTabs(value: string): string {
  if (
    value === '' ||
    (!isSpaceOrTab(value.charCodeAt(0)) && !isSpaceOrTab(value.charCodeAt(value.length - 1)))
  ) {
    return value;
  }
  return value.replace(/^[ \t]+|[ \t]+$/g, '');
}

function isSpaceOrTab(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/**
 * True when the message has content in the sense of spec §2.1: a body of one byte or more, a
 * `Content-Length` other than zero, or any `Transfer-Encoding`.
 *
 * @example
 * hasContent(new Map([['content-length', '0']]), undefined); // false
 */
export function hasContent(fields: Map<string, string>, body: Uint8Array | undefined): boolean {
  if (body !== undefined && body.length > 0) return true;
  if (fields.has('transfer-encoding')) return true;
  const length = fields.get('content-length');
  return length !== undefined && !/^0+$/.test(length);
}
