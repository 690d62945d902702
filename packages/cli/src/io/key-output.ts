import { bytesToBase64, bytesToHex, formatKey, type Ed25519KeyPair } from '@datafold/js-sdk';

import { usageError } from '../errors/usage-error.js';
import type { Output } from './output.js';
import { writePrivateFile } from './files.js';

/** The key encodings of `--format` (jwk beside the seed's four). */
export type KeyOutputFormat = 'hex' | 'base64' | 'pem' | 'raw' | 'jwk';
export const KEY_OUTPUT_FORMATS: readonly KeyOutputFormat[] = [
  'hex',
  'base64',
  'pem',
  'raw',
  'jwk',
];

/**
 * A key in the chosen encoding: text for hex, base64, PEM (PKCS#8 for private keys, SPKI for
 * public ones, RFC 8410) and JWK (RFC 8037); the 32 bytes themselves for raw.
 *
 * @example
 * encodeKey(pair.publicKey, 'public', 'pem'); // '-----BEGIN PUBLIC KEY-----\n...'
 */
export function encodeKey(
  key: Uint8Array | Ed25519KeyPair,
  keyType: 'private' | 'public',
  format: KeyOutputFormat,
): string | Uint8Array {
  const bytes =
    key instanceof Uint8Array ? key : keyType === 'private' ? key.privateKey : key.publicKey;
  switch (format) {
    case 'raw':
      return new Uint8Array(bytes);
    case 'hex':
      return bytesToHex(bytes);
    case 'base64':
      return bytesToBase64(bytes);
    case 'pem':
    case 'jwk':
      return formatKey(
        key instanceof Uint8Array ? key : keyType === 'private' ? key : key.publicKey,
        format,
        { keyType },
      ).trimEnd();
  }
}

/** Text form of a key for JSON documents: raw and hex both become hex. */
export function keyText(encoded: string | Uint8Array): string {
  return typeof encoded === 'string' ? encoded : bytesToHex(encoded);
}

/**
 * Puts a key (or signature) where the user asked: into `--output FILE` (0600, atomic, never
 * replacing a file without --force) or on stdout. Raw bytes are not written to a terminal.
 * Returns where it went, for the command's report.
 *
 * @example
 * await deliver(out, encoded, { output: '/tmp/key.pem', force: false });
 */
export async function deliver(
  out: Output,
  encoded: string | Uint8Array,
  target: { output: string | undefined; force: boolean },
): Promise<'file' | 'stdout'> {
  if (target.output !== undefined && target.output !== '-') {
    await writePrivateFile(target.output, typeof encoded === 'string' ? `${encoded}\n` : encoded, {
      overwrite: target.force,
    });
    return 'file';
  }
  if (typeof encoded !== 'string' && (out.stdoutIsTTY || out.json)) {
    throw usageError(
      'raw bytes are not printed to a terminal or inside --json; use --output FILE or another --format',
    );
  }
  return 'stdout';
}
