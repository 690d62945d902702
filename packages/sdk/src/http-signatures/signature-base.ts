import { ValidationError } from '../errors/datafold-error.js';
import { DERIVED_COMPONENTS, REQUEST_SIGNATURE_BOUNDS } from './profile.js';
import { serializeInnerList } from './structured-field-serialize.js';
import type { InnerList } from './structured-field-types.js';
import type { TargetUriParts } from './target-uri.js';

/** A request as the signature base sees it: upper-case method, URI parts, canonical fields. */
export interface MessageView {
  method: string;
  uri: TargetUriParts;
  fields: Map<string, string>;
}

// A field name is an RFC 9110 token; RFC 9421 §2.1 names it in lower case.
const FIELD_NAME = /^[a-z0-9!#$%&'*+\-.^_`|~]+$/;

/**
 * The value of one covered component (RFC 9421 §2.1-2.2) under this profile's rules (spec §2.1):
 * the derived components of DERIVED_COMPONENTS and lower-case header fields present in the
 * request. Throws INVALID_ARGUMENT naming the component for anything else.
 *
 * @example
 * componentValue('@method', view); // 'POST'
 */
export function componentValue(id: string, view: MessageView): string {
  assertComponentName(id);
  switch (id) {
    case '@method':
      return view.method;
    case '@target-uri':
      return view.uri.targetUri;
    case '@authority':
      return view.uri.authority;
    case '@scheme':
      return view.uri.scheme;
    case '@path':
      return view.uri.path;
    case '@query':
      return view.uri.query;
    case '@request-target': // RFC 9421 §2.2.5, origin form
      return view.uri.requestTarget;
  }
  const value = view.fields.get(id);
  if (value === undefined) fail(`covered field "${id}" is absent from the request`);
  return value;
}

/**
 * Throws INVALID_ARGUMENT unless `id` names a component this profile supports (spec §2.1): a
 * derived component of DERIVED_COMPONENTS or a lower-case field name, at most 128 characters.
 *
 * @example
 * assertComponentName('content-digest');
 */
export function assertComponentName(id: string): void {
  if (id.length > REQUEST_SIGNATURE_BOUNDS.maxIdentifierLength) {
    fail(
      `component identifier longer than ${REQUEST_SIGNATURE_BOUNDS.maxIdentifierLength} characters`,
    );
  }
  if (id.startsWith('@')) {
    if (!DERIVED_COMPONENTS.has(id)) fail(`unsupported derived component "${id}"`);
  } else if (!FIELD_NAME.test(id)) {
    fail(`"${id}" is not a lower-case field name`);
  }
}

/**
 * The signature base (RFC 9421 §2.5): one line `"<id>": <value>` per covered component, in the
 * order of the inner list, then `"@signature-params": <the inner list serialised>`, with no
 * newline at the end. Component identifiers must be sf-strings without parameters (spec §2.1)
 * and appear once; violations throw INVALID_ARGUMENT. A signer that also sends the inner list
 * passes its serialisation, so it is written once.
 *
 * @example
 * signatureBase(signatureParams, view);
 */
export function signatureBase(
  signatureParams: InnerList,
  view: MessageView,
  serializedParams: string = serializeInnerList(signatureParams),
): string {
  const ids = signatureParams.items.map((item) =>
    componentIdentifier(item.value, item.params.size),
  );
  return signatureBaseOf(ids, view, serializedParams);
}

/**
 * The signature base from the covered component identifiers themselves, for a signer that built
 * its list of identifiers and its serialised `@signature-params` directly (no inner list to walk).
 * Each identifier must appear once; violations throw INVALID_ARGUMENT.
 *
 * @example
 * signatureBaseOf(['@method', '@target-uri'], view, '("@method" "@target-uri");created=1');
 */
export function signatureBaseOf(
  ids: readonly string[],
  view: MessageView,
  serializedParams: string,
): string {
  let base = '';
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (ids.indexOf(id) !== i) fail(`component "${id}" is listed twice`);
    base += `"${id}": ${componentValue(id, view)}\n`;
  }
  return `${base}"@signature-params": ${serializedParams}`;
}

/**
 * The identifier of one covered component: an sf-string, without parameters (spec §2.1 refuses
 * `;sf`, `;key`, `;bs`, `;req`, `;tr`), never `@signature-params` or `@status`.
 */
export function componentIdentifier(
  value: InnerList['items'][number]['value'],
  paramCount: number,
): string {
  if (value.type !== 'string') fail('a component identifier must be a quoted string');
  if (paramCount > 0) fail(`component "${value.value}" has parameters, which this profile refuses`);
  return value.value;
}

function fail(reason: string): never {
  throw new ValidationError('INVALID_ARGUMENT', reason);
}
