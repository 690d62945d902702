import {
  base64ToBytes,
  bytesToBase64,
  hexToBytes,
  utf8ToBytes,
  ValidationError,
} from '@datafold/js-sdk';

import { usageError } from '../errors/usage-error.js';
import { readInputFile, readStdin } from './files.js';

/** How the message argument is written. */
export type MessageEncoding = 'utf8' | 'hex' | 'base64';

/**
 * The message bytes, from exactly one of --message (decoded by --encoding), --message-file or
 * --message-stdin; also the encoding and the text a server wants (it decodes the same way).
 *
 * @example
 * const { bytes } = await readMessage(options);
 */
export async function readMessage(options: Record<string, unknown>): Promise<{
  bytes: Uint8Array;
  encoding: MessageEncoding;
  /** The message as the server's `message` field, in `encoding`. */
  wire: string;
}> {
  const sources = ['message', 'message-file', 'message-stdin'].filter(
    (n) => options[n] !== undefined,
  );
  if (sources.length !== 1) {
    throw usageError(
      'give the message with exactly one of --message, --message-file or --message-stdin',
    );
  }
  const raw = options.encoding;
  const encoding = (
    typeof raw === 'string' ? raw.toLowerCase().replace('utf-8', 'utf8') : 'utf8'
  ) as MessageEncoding;
  if (!['utf8', 'hex', 'base64'].includes(encoding)) {
    throw new ValidationError(
      'INVALID_ENCODING',
      `--encoding must be utf8, hex or base64 (got "${String(raw)}")`,
    );
  }
  if (typeof options.message === 'string') {
    const text = options.message;
    let bytes: Uint8Array;
    try {
      bytes =
        encoding === 'utf8'
          ? utf8ToBytes(text)
          : encoding === 'hex'
            ? hexToBytes(text)
            : base64ToBytes(text);
    } catch {
      throw new ValidationError('INVALID_MESSAGE', `--message is not valid ${encoding}`);
    }
    return { bytes, encoding, wire: text };
  }
  const bytes =
    typeof options['message-file'] === 'string'
      ? await readInputFile(options['message-file'])
      : await readStdin('--message-stdin');
  // Bytes from a file go to a server as base64, which carries any bytes exactly.
  return { bytes, encoding: 'base64', wire: bytesToBase64(bytes) };
}
