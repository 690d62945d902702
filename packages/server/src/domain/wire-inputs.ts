import {
  base64ToBytes,
  STATEMENT_FIELD_PATTERNS,
  TEXT_PATTERN,
  ValidationError,
} from '@datafold/js-sdk';
import { isAcceptablePublicKey } from './ed25519.js';

/**
 * The server's input rules as JSON Schema patterns: the request schemas (and so the OpenAPI
 * document) and the checks below read them from here, so the document and the server cannot
 * disagree. The statement fields and free text follow the SDK's rules (one home for each).
 */
export const INPUT_PATTERNS = {
  /** 1-128 characters from A-Z a-z 0-9 . _ - : (the SDK's rule). */
  clientId: STATEMENT_FIELD_PATTERNS.clientId,
  /** A 32-byte key as 64 hex characters, either case. */
  publicKey: '^[0-9a-fA-F]{64}$',
  /** A 64-byte signature as 128 hex characters, either case. */
  signature: '^[0-9a-fA-F]{128}$',
  /**
   * Free text (names, reasons, labels, searches): no control characters (the SDK's TEXT_PATTERN).
   * Lone UTF-16 surrogates are not refused but normalised (`wellFormed`): JSON Schema tools cannot
   * all express them, and UTF-8 cannot carry them anyway.
   */
  text: TEXT_PATTERN,
  /** A verify message with `message_encoding: hex`: whole bytes, either case (none included). */
  hexMessage: '^(?:[0-9a-fA-F]{2})*$',
  /**
   * A verify message with `message_encoding: base64`: standard, padded and canonical (the unused
   * bits of the last character zero), as the SDK's strict base64ToBytes decodes it.
   */
  base64Message:
    '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/][AQgw]==|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=)?$',
} as const;

const HEX = /^[0-9a-fA-F]*$/;

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
