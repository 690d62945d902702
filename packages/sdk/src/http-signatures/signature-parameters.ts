import { STATEMENT_FIELD_PATTERNS } from '../server-client/signed-statement.js';
import { NONCE_PATTERN, REQUEST_SIGNATURE_ALG, REQUEST_SIGNATURE_TAG } from './profile.js';
import { RequestSignatureError } from './request-signature-error.js';
import {
  isInnerList,
  type BareItem,
  type Dictionary,
  type InnerList,
} from './structured-field-types.js';

/** Our signature, picked out of the two fields with its parameters read (spec §3 steps 3-4). */
export interface SelectedSignature {
  label: string;
  signatureParams: InnerList;
  signature: Uint8Array;
  keyid: string;
  created: number;
  expires?: number;
  nonce: string;
}

const CLIENT_ID = new RegExp(STATEMENT_FIELD_PATTERNS.clientId);
const SIGNATURE_BYTES = 64;

/**
 * Selects the one `Signature-Input` member tagged `datafold-request-v1` and its `Signature`
 * member (spec §3 step 3), then reads and checks its parameters (step 4). Members with other
 * tags are ignored; unknown parameters are ignored (they stay in `@signature-params`).
 *
 * @example
 * const selected = selectSignature(parseDictionary(input), parseDictionary(signature));
 */
export function selectSignature(inputs: Dictionary, signatures: Dictionary): SelectedSignature {
  const ours = [...inputs].filter(([, member]) => {
    const tag = member.params.get('tag');
    return tag?.type === 'string' && tag.value === REQUEST_SIGNATURE_TAG;
  });
  if (ours.length === 0) {
    throw new RequestSignatureError(
      'REQUEST_SIGNATURE_MISSING',
      `the request has no signature tagged "${REQUEST_SIGNATURE_TAG}"`,
    );
  }
  if (ours.length > 1) malformed(`more than one signature is tagged "${REQUEST_SIGNATURE_TAG}"`);
  const [label, member] = ours[0]!;
  if (!isInnerList(member)) malformed(`Signature-Input member "${label}" is not an inner list`);
  const signatureMember = signatures.get(label);
  if (
    signatureMember === undefined ||
    isInnerList(signatureMember) ||
    signatureMember.value.type !== 'binary' ||
    signatureMember.value.value.length !== SIGNATURE_BYTES
  ) {
    malformed(`Signature has no 64-byte byte sequence labelled "${label}"`);
  }
  return {
    label,
    signatureParams: member,
    signature: signatureMember.value.value,
    ...readParameters(member),
  };
}

// spec §2: keyid a client id, created an integer, nonce 22-128 characters, alg absent or
// ed25519, expires (if present) an integer after created.
function readParameters(
  list: InnerList,
): Pick<SelectedSignature, 'keyid' | 'created' | 'expires' | 'nonce'> {
  const keyid = stringParam(list.params.get('keyid'), 'keyid');
  if (!CLIENT_ID.test(keyid))
    malformed('keyid must be a client id: 1-128 characters from A-Z a-z 0-9 . _ - :');
  const created = integerParam(list.params.get('created'), 'created');
  const nonce = stringParam(list.params.get('nonce'), 'nonce');
  if (!NONCE_PATTERN.test(nonce))
    malformed('nonce must be 22-128 characters from A-Z a-z 0-9 + / = _ - .');
  const alg = list.params.get('alg');
  if (alg !== undefined && !(alg.type === 'string' && alg.value === REQUEST_SIGNATURE_ALG)) {
    malformed(`alg must be "${REQUEST_SIGNATURE_ALG}" or absent`);
  }
  const expiresItem = list.params.get('expires');
  if (expiresItem === undefined) return { keyid, created, nonce };
  const expires = integerParam(expiresItem, 'expires');
  if (expires <= created) malformed('expires must be later than created');
  return { keyid, created, expires, nonce };
}

function stringParam(item: BareItem | undefined, name: string): string {
  if (item === undefined) malformed(`the parameter ${name} is required`);
  if (item.type !== 'string') malformed(`the parameter ${name} must be a quoted string`);
  return item.value;
}

function integerParam(item: BareItem | undefined, name: string): number {
  if (item === undefined) malformed(`the parameter ${name} is required`);
  if (item.type !== 'integer' || item.value < 0) {
    malformed(`the parameter ${name} must be a non-negative integer (seconds since the epoch)`);
  }
  return item.value;
}

function malformed(message: string): never {
  throw new RequestSignatureError('REQUEST_SIGNATURE_MALFORMED', message);
}
