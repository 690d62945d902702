import { base64ToBytes, hexToBytes, isHex, ValidationError } from '@datafold/js-sdk';

import { fileExists, readInputFile } from './files.js';

/**
 * A signature named on the command line: a file holding the 64 raw bytes (what `sign --output`
 * writes) or 128 hex / 88 base64 characters; or, when no such file exists, the hex or base64
 * text itself. Anything else is INVALID_SIGNATURE (exit 2).
 *
 * @example
 * const signature = await readSignature('signature.bin');
 */
export async function readSignature(value: string): Promise<Uint8Array> {
  if (await fileExists(value)) {
    const bytes = await readInputFile(value);
    if (bytes.length === 64) return bytes;
    const text = Buffer.from(bytes).toString('utf8').trim();
    const decoded = decodeText(text);
    if (decoded) return decoded;
    throw new ValidationError(
      'INVALID_SIGNATURE',
      `${value} holds neither a 64-byte signature nor its hex or base64 text`,
    );
  }
  const decoded = decodeText(value.trim());
  if (decoded) return decoded;
  if (/[/\\.]/.test(value) && !/^[0-9a-fA-F]+$/.test(value)) {
    throw new ValidationError('FILE_NOT_FOUND', `No signature file ${value}`, { path: value });
  }
  throw new ValidationError(
    'INVALID_SIGNATURE',
    'the signature must be a file, or 128 hex or 88 base64 characters (64 bytes)',
  );
}

function decodeText(text: string): Uint8Array | undefined {
  try {
    if (text.length === 128 && isHex(text)) return hexToBytes(text);
    if (text.length === 88) {
      const bytes = base64ToBytes(text);
      if (bytes.length === 64) return bytes;
    }
  } catch {
    // not this encoding
  }
  return undefined;
}
