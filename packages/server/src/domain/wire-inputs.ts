import { base64ToBytes, ValidationError } from '@datafold/js-sdk';
import { isAcceptablePublicKey } from './ed25519.js';

/**
 * The input rules as JSON Schema patterns: the request schemas (and so the OpenAPI document) and
 * the checks below read them from here, so the document and the server cannot disagree.
 */
export const INPUT_PATTERNS = {
  /** 1-128 characters from A-Z a-z 0-9 . _ - : */
  clientId: '^[A-Za-z0-9._:-]{1,128}$',
  /** A 32-byte key as 64 hex characters, either case. */
  publicKey: '^[0-9a-fA-F]{64}$',
  /** A 64-byte signature as 128 hex characters, either case. */
  signature: '^[0-9a-fA-F]{128}$',
  /**
   * Free text (names, reasons, labels, searches): no C0 or C1 control characters (NUL included)
   * and no lone UTF-16 surrogates, so it stores byte for byte and cannot forge a line. Needs the
   * `u` flag, as JSON Schema validators use.
   */
  text: '^[^\\u0000-\\u001f\\u007f-\\u009f\\ud800-\\udfff]*$',
} as const;

const HEX = /^[0-9a-fA-F]*$/;
const CLIENT_ID = new RegExp(INPUT_PATTERNS.clientId);
const TEXT = new RegExp(INPUT_PATTERNS.text, 'u');

/**
 * True when `value` is free text as {@link INPUT_PATTERNS}.text allows.
 *
 * @example
 * isCleanText('scheduled rotation'); // true
 * isCleanText('a\u0000b'); // false
 */
export function isCleanText(value: string): boolean {
  return TEXT.test(value);
}

/** A public key as the server stores it (lowercase hex) and verifies with (bytes). */
export interface ParsedPublicKey {
  hex: string;
  bytes: Buffer;
}

/**
 * WIRE-PROTOCOL.md register checks 1-4, in order: empty, not hex, not 32 bytes, not an
 * acceptable Ed25519 point. Each fails with INVALID_PUBLIC_KEY and a message naming the check.
 *
 * @example
 * const { hex, bytes } = parsePublicKeyHex(body.public_key);
 */
export function parsePublicKeyHex(value: unknown, field = 'public_key'): ParsedPublicKey {
  if (value === undefined || value === null || value === '') {
    throw new ValidationError('INVALID_PUBLIC_KEY', `${field} is required`, { field });
  }
  if (typeof value !== 'string' || !HEX.test(value) || value.length % 2 !== 0) {
    throw new ValidationError('INVALID_PUBLIC_KEY', `${field} must be hex`, { field });
  }
  if (value.length !== 64) {
    throw new ValidationError(
      'INVALID_PUBLIC_KEY',
      `${field} must be 32 bytes (64 hex characters), got ${value.length / 2} bytes`,
      { field, length: value.length / 2 },
    );
  }
  const bytes = Buffer.from(value, 'hex');
  if (!isAcceptablePublicKey(bytes)) {
    throw new ValidationError(
      'INVALID_PUBLIC_KEY',
      `${field} is not a valid Ed25519 public key (not a canonical curve point, or of small order)`,
      { field },
    );
  }
  return { hex: value.toLowerCase(), bytes };
}

/**
 * A 64-byte signature given as 128 hex characters, else INVALID_SIGNATURE.
 *
 * @example
 * const signature = parseSignatureHex(body.signature);
 */
export function parseSignatureHex(value: unknown, field = 'signature'): Buffer {
  if (typeof value !== 'string' || value === '') {
    throw new ValidationError('INVALID_SIGNATURE', `${field} is required`, { field });
  }
  if (!HEX.test(value) || value.length !== 128) {
    throw new ValidationError(
      'INVALID_SIGNATURE',
      `${field} must be a 64-byte Ed25519 signature as 128 hex characters`,
      { field },
    );
  }
  return Buffer.from(value, 'hex');
}

/**
 * A client id: 1-128 characters from A-Z a-z 0-9 . _ - : (errors.json INVALID_CLIENT_ID).
 *
 * @example
 * assertClientId(body.client_id);
 */
export function assertClientId(value: unknown, field = 'client_id'): asserts value is string {
  if (typeof value !== 'string' || value === '') {
    throw new ValidationError('INVALID_CLIENT_ID', `${field} is required`, { field });
  }
  if (!CLIENT_ID.test(value)) {
    throw new ValidationError(
      'INVALID_CLIENT_ID',
      `${field} must be 1-128 characters from A-Z a-z 0-9 . _ - :`,
      { field },
    );
  }
}

/** The message encodings of POST /api/crypto/signatures/verify. */
export const MESSAGE_ENCODINGS = ['utf8', 'hex', 'base64'] as const;
export type MessageEncoding = (typeof MESSAGE_ENCODINGS)[number];

/**
 * Decodes a verify message under its encoding: utf8 as is, hex (either case, even length), or
 * standard padded base64 (RFC 4648 §4, strict). A message that does not decode is INVALID_MESSAGE.
 *
 * @example
 * decodeMessage('aGk=', 'base64'); // bytes of "hi"
 */
export function decodeMessage(message: string, encoding: MessageEncoding): Buffer {
  if (encoding === 'utf8') return Buffer.from(message, 'utf8');
  if (encoding === 'hex') {
    if (!HEX.test(message) || message.length % 2 !== 0) {
      throw new ValidationError('INVALID_MESSAGE', 'message is not valid hex', {
        field: 'message',
      });
    }
    return Buffer.from(message, 'hex');
  }
  const bytes = base64ToBytes(message, 'INVALID_MESSAGE', 'message');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}
