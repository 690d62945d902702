import { detectKeyFormat, Ed25519KeyError, parseKeyDetailed } from '@datafold/js-sdk';

import { fileExists, readInputFile } from './files.js';
import type { KeyOutputFormat } from './key-output.js';

/**
 * The `--format` of a key given without one, by the SDKs' one rule (detectKeyFormat,
 * vectors/key-formats/detection.json) in the CLI's words, `raw` for the SDK's `uint8array`:
 * 32 bytes from a file or standard input are raw; text is pem, jwk, hex or base64 by its shape;
 * undefined for anything else. A command-line argument is a string, so text, never raw.
 *
 * @example
 * detectedKeyFormat(await readInputFile('key.pem')); // 'pem'
 * detectedKeyFormat('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c'); // 'hex'
 */
export function detectedKeyFormat(input: string | Uint8Array): KeyOutputFormat | undefined {
  const format = detectKeyFormat(input);
  return format === 'uint8array' ? 'raw' : format;
}

/**
 * A key given as text, as the parsers take it: decoded from UTF-8 when it came as bytes, and
 * with whitespace around it (a file's final newline) removed.
 *
 * @example
 * parseKey(keyInputText(await readInputFile('key.hex')), 'hex');
 */
export function keyInputText(input: string | Uint8Array): string {
  return (typeof input === 'string' ? input : Buffer.from(input).toString('utf8')).trim();
}

/**
 * A public key named on the command line: a file holding one (the 32 raw bytes, or text), or the
 * text itself, in hex, base64, PEM (SPKI) or JWK, told apart by {@link detectedKeyFormat}. A
 * private key is refused, and anything without a key's shape is INVALID_PUBLIC_KEY naming the
 * shapes that would have been taken.
 *
 * @example
 * const publicKey = await readPublicKey('my-app-key.pub.pem');
 */
export async function readPublicKey(value: string): Promise<Uint8Array> {
  const input = (await fileExists(value)) ? await readInputFile(value) : value;
  const format = detectedKeyFormat(input);
  if (format === 'raw') return input as Uint8Array;
  const text = keyInputText(input);
  if (format === undefined) throw notAPublicKey(text);
  let parsed;
  try {
    parsed = parseKeyDetailed(text, format);
  } catch (error) {
    // PEM, JWK and hex say what is wrong with them; base64 that does not decode to a key may
    // have been meant as any of the shapes.
    if (format !== 'base64') throw error;
    throw notAPublicKey(text);
  }
  if (parsed.keyType === 'private') {
    throw new Ed25519KeyError(
      'INVALID_PUBLIC_KEY',
      'a private key was given where the public key belongs; pass the public key',
    );
  }
  return parsed.publicKey ?? parsed.key;
}

function notAPublicKey(text: string): Ed25519KeyError {
  return new Ed25519KeyError(
    'INVALID_PUBLIC_KEY',
    `--public-key is not a file, 64 hex digits, base64 of 32 bytes, PEM (SPKI) or JWK (got ${text.length} characters)`,
  );
}
