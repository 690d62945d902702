import { bytesToBase64 } from '../encoding/base64.js';
import { ValidationError } from '../errors/datafold-error.js';
import {
  isInnerList,
  MAX_SF_INTEGER,
  type BareItem,
  type Dictionary,
  type InnerList,
  type Item,
  type Parameters,
} from './structured-field-types.js';

const KEY = /^[a-z*][a-z0-9_\-.*]*$/;
const TOKEN = /^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*$/;
const STRING = /^[\x20-\x7e]*$/;
const NEEDS_ESCAPE = /["\\]/;

/**
 * Serialises a dictionary (RFC 8941 §4.1.2). Members whose value is boolean true are written as
 * the bare key, as the RFC requires.
 *
 * @example
 * serializeDictionary(new Map([['sha-256', { value: { type: 'binary', value: digest }, params: new Map() }]]));
 */
export function serializeDictionary(dict: Dictionary): string {
  const members: string[] = [];
  for (const [key, member] of dict) {
    const name = serializeKey(key);
    if (!isInnerList(member) && member.value.type === 'boolean' && member.value.value) {
      members.push(name + serializeParameters(member.params));
    } else {
      members.push(`${name}=${serializeMember(member)}`);
    }
  }
  return members.join(', ');
}

/**
 * Serialises an inner list with its parameters (RFC 8941 §4.1.1.1): the form of
 * `@signature-params` and of a `Signature-Input` member (RFC 9421 §2.3).
 *
 * @example
 * serializeInnerList({ items: [stringItem('@method')], params: new Map() }); // '("@method")'
 */
export function serializeInnerList(list: InnerList): string {
  return `(${list.items.map(serializeItem).join(' ')})${serializeParameters(list.params)}`;
}

/** Serialises an item with its parameters (RFC 8941 §4.1.3). */
export function serializeItem(item: Item): string {
  return serializeBareItem(item.value) + serializeParameters(item.params);
}

function serializeMember(member: Item | InnerList): string {
  return isInnerList(member) ? serializeInnerList(member) : serializeItem(member);
}

function serializeParameters(params: Parameters): string {
  let out = '';
  for (const [key, value] of params) {
    out += `;${serializeKey(key)}`;
    if (!(value.type === 'boolean' && value.value)) out += `=${serializeBareItem(value)}`;
  }
  return out;
}

function serializeKey(key: string): string {
  if (!KEY.test(key)) fail(`"${key}" is not a structured-field key`);
  return key;
}

/** One bare item (RFC 8941 §4.1.3.1); refuses values the syntax cannot carry. */
export function serializeBareItem(item: BareItem): string {
  switch (item.type) {
    case 'integer':
      if (!Number.isInteger(item.value) || Math.abs(item.value) > MAX_SF_INTEGER) {
        fail(`${item.value} is not an integer of at most 15 digits`);
      }
      return String(item.value === 0 ? 0 : item.value);
    case 'decimal':
      return serializeDecimal(item.value);
    case 'string':
      if (!STRING.test(item.value)) fail('a string holds only printable ASCII');
      // Most strings (component names, nonces, key ids) have nothing to escape.
      return NEEDS_ESCAPE.test(item.value)
        ? `"${item.value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`
        : `"${item.value}"`;
    case 'token':
      if (!TOKEN.test(item.value)) fail(`"${item.value}" is not a token`);
      return item.value;
    case 'binary':
      return serializeByteSequence(item.value);
    case 'boolean':
      return item.value ? '?1' : '?0';
  }
}

/**
 * An sf-binary (RFC 8941 §4.1.8): the bytes in standard base64 between colons.
 *
 * @example
 * serializeByteSequence(new Uint8Array([1, 2])); // ':AQI=:'
 */
export function serializeByteSequence(bytes: Uint8Array): string {
  return `:${bytesToBase64(bytes)}:`;
}

// RFC 8941 §4.1.5: rounded to three fraction digits (ties to even), at most 12 integer digits.
function serializeDecimal(value: number): string {
  const thousandths = value * 1000;
  let rounded = Math.round(thousandths);
  if (Math.abs(thousandths % 1) === 0.5 && rounded % 2 !== 0) rounded -= 1;
  const integer = Math.trunc(rounded / 1000);
  if (!Number.isFinite(value) || Math.abs(integer) > 999_999_999_999) {
    fail(`${value} is not a decimal of at most 12 integer digits`);
  }
  const text = (rounded / 1000).toFixed(3).replace(/0+$/, '');
  return text.endsWith('.') ? `${text}0` : text;
}

function fail(reason: string): never {
  throw new ValidationError('INVALID_ARGUMENT', `cannot serialise a structured field: ${reason}`);
}
