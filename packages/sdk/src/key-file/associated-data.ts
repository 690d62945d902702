import { bytesToBase64 } from '../encoding/base64.js';
import { utf8ToBytes } from '../encoding/utf8.js';
import { KEY_FILE_FORMAT, KEY_FILE_VERSION } from './types.js';

/** The header members that AES-GCM authenticates (spec/key-file-v1.md §5). */
export interface BoundHeader {
  keyId: string;
  keyVersion: number;
  created: string;
  publicKey: Uint8Array;
}

/**
 * The associated data of a key file: one line per bound member, in a fixed order, as UTF-8:
 *
 *     datafold-key-file/v1\nkey_id=<id>\nkey_version=<n>\ncreated=<t>\npublic_key=<base64>\n
 *
 * Key ids, timestamps and base64 cannot contain a newline (§4), so the encoding is unambiguous.
 * Renaming a file to another key or version, or pasting another key's public key, makes the tag
 * fail: a key file cannot be passed off as a different key.
 *
 * @example
 * const aad = keyFileAssociatedData({ keyId: 'app', keyVersion: 1, created, publicKey });
 */
export function keyFileAssociatedData(header: BoundHeader): Uint8Array {
  return utf8ToBytes(
    `${KEY_FILE_FORMAT}/v${KEY_FILE_VERSION}\n` +
      `key_id=${header.keyId}\n` +
      `key_version=${header.keyVersion}\n` +
      `created=${header.created}\n` +
      `public_key=${bytesToBase64(header.publicKey)}\n`,
  );
}
