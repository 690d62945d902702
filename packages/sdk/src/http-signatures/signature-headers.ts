import { utf8ToBytes } from '../encoding/utf8.js';
import { ValidationError } from '../errors/datafold-error.js';
import { assertClientId } from '../server-client/signed-statement.js';
import { contentDigest } from './content-digest.js';
import { randomNonce } from './nonce.js';
import { fieldsOf, hasContent, type HttpMessageParts } from './http-message.js';
import {
  NONCE_PATTERN,
  REQUEST_SIGNATURE_ALG,
  REQUEST_SIGNATURE_LABEL,
  REQUEST_SIGNATURE_TAG,
  REQUEST_SIGNATURE_TIME,
} from './profile.js';
import { signatureBaseOf } from './signature-base.js';
import { signWithKey, type SigningKeyOptions } from './signing-key.js';
import { serializeBareItem, serializeByteSequence } from './structured-field-serialize.js';
import { sentTargetUri, targetUriParts } from './target-uri.js';

/** The fields a signed request adds (spec §2): always the signature, the digest with content. */
export interface SignatureHeaders {
  'signature-input': string;
  signature: string;
  'content-digest'?: string;
}

/**
 * Signs a request described by its parts (spec §2) and returns the fields to add to it:
 * `signature-input`, `signature`, and `content-digest` when there is content. Covers
 * `("@method" "@target-uri")`, plus `"content-type"` and `"content-digest"` with content, plus
 * `options.components`; parameters `created`, `expires`, `nonce`, `alg`, `keyid`, `tag`.
 *
 * @example
 * const fields = await signatureHeaders(
 *   { method: 'POST', targetUri: 'https://api.example/orders', headers: {}, body },
 *   { clientId: 'alice-laptop', privateKey },
 * );
 */
export async function signatureHeaders(
  message: HttpMessageParts,
  options: SigningKeyOptions,
): Promise<SignatureHeaders> {
  assertSigningOptions(options);
  const body = message.body ?? new Uint8Array(0);
  const fields = fieldsOf(message.headers);
  const withContent = hasContent(fields, body);
  const digest = withContent ? contentDigest(body) : undefined;
  if (digest !== undefined) fields.set('content-digest', digest);

  const created = Math.floor((options.now ?? Date.now)() / 1000);
  const expires = created + (options.expiresIn ?? REQUEST_SIGNATURE_TIME.defaultExpiresIn);
  const ids = coveredComponents(fields, withContent, options.components);
  const serializedParams = signatureParamsOf(ids, {
    created,
    expires,
    nonce: options.nonce ?? randomNonce(),
    keyid: options.clientId,
  });
  const targetUri = sentTargetUri(message.targetUri);
  const base = signatureBaseOf(
    ids,
    { method: message.method.toUpperCase(), uri: targetUriParts(targetUri), fields },
    serializedParams,
  );
  const signature = await signWithKey(utf8ToBytes(base), options);

  const headers: SignatureHeaders = {
    'signature-input': `${REQUEST_SIGNATURE_LABEL}=${serializedParams}`,
    signature: `${REQUEST_SIGNATURE_LABEL}=${serializeByteSequence(signature)}`,
  };
  if (digest !== undefined) headers['content-digest'] = digest;
  return headers;
}

/** Our signers' coverage (spec §2.1), with extra components after the required ones, once each. */
function coveredComponents(
  fields: Map<string, string>,
  withContent: boolean,
  extra: readonly string[] = [],
): string[] {
  const ids = ['@method', '@target-uri'];
  if (withContent && fields.has('content-type')) ids.push('content-type');
  for (const id of extra) if (!ids.includes(id) && id !== 'content-digest') ids.push(id);
  if (withContent) ids.push('content-digest');
  return ids;
}

/**
 * Our signers' `@signature-params` inner list (spec §2), serialised straight to text: the
 * covered identifiers, then `created`, `expires`, `nonce`, `alg`, `keyid` and `tag` in that order.
 * Written directly rather than through the generic structured-field serialiser because every
 * piece is already known to be a valid sf-string or sf-integer here (identifiers are checked as
 * the base is built, the nonce against NONCE_PATTERN, the client id against its pattern; none can
 * hold `"` or a backslash), and a signer makes one per request. The vectors pin its bytes to the spec.
 *
 * @example
 * signatureParamsOf(['@method', '@target-uri'], { created: 1, expires: 61, nonce, keyid: 'alice' });
 */
function signatureParamsOf(
  ids: readonly string[],
  params: { created: number; expires: number; nonce: string; keyid: string },
): string {
  let covered = '';
  for (const id of ids) covered += covered === '' ? `"${id}"` : ` "${id}"`;
  const created = serializeBareItem({ type: 'integer', value: params.created });
  const expires = serializeBareItem({ type: 'integer', value: params.expires });
  return (
    `(${covered});created=${created};expires=${expires};nonce="${params.nonce}"` +
    `;alg="${REQUEST_SIGNATURE_ALG}";keyid="${params.keyid}";tag="${REQUEST_SIGNATURE_TAG}"`
  );
}

/**
 * Throws a coded error for signing options that would make a request every verifier refuses:
 * a bad client id, expiresIn not a positive integer, a nonce outside spec §2, components not
 * strings. Keys are checked when they sign.
 */
export function assertSigningOptions(options: SigningKeyOptions): void {
  assertClientId(options?.clientId, 'clientId');
  const { expiresIn, nonce, components } = options;
  if (expiresIn !== undefined && !(Number.isInteger(expiresIn) && expiresIn >= 1)) {
    throw new ValidationError('INVALID_ARGUMENT', 'expiresIn must be a positive integer (seconds)');
  }
  if (nonce !== undefined && !(typeof nonce === 'string' && NONCE_PATTERN.test(nonce))) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      'nonce must be 22-128 characters from A-Z a-z 0-9 + / = _ - .',
    );
  }
  if (
    components !== undefined &&
    !(Array.isArray(components) && components.every((c) => typeof c === 'string'))
  ) {
    throw new ValidationError('INVALID_ARGUMENT', 'components must be an array of component names');
  }
}
